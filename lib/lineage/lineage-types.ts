/**
 * Credential lineage as plain, JSON-serialisable data: what `trailbench lineage --json` prints on one
 * line and what the lineage page renders. The fields the issue names come first, in its order; the
 * others are extras, each documented where it is declared. Every string is CloudTrail content
 * (attacker-controlled): render it as text only.
 */

export const LINEAGE_ORIGIN_KINDS = ["long-term-key", "root", "console", "aws-service", "not-in-evidence"] as const;
export type LineageOriginKind = (typeof LINEAGE_ORIGIN_KINDS)[number];

/** The successful event that issued a key (AssumeRole*, GetSessionToken, GetFederationToken, AssumeRoot, CreateAccessKey …). */
export type LineageIssued = {
  eventID: string;
  eventName: string | null;
  /** ISO 8601 UTC, or null for an event without a usable eventTime. */
  eventTime: string | null;
  /** userIdentity.arn of the caller (for an AWS service caller: the service principal). */
  callerArn: string | null;
  /** The key the call was made with: the previous hop of the chain. */
  callerAccessKeyId: string | null;
  sourceIPAddress: string | null;
  // ---- extras ----
  /** The key this event issued. */
  issuedAccessKeyId: string;
  /** userIdentity.type of the caller: IAMUser, AssumedRole, FederatedUser, Root, AWSService, SAMLUser … */
  callerType: string | null;
  /** userIdentity.accountId of the caller; differs from recipientAccountId on a cross-account hop. */
  callerAccountId: string | null;
  /** The account that received the call (the account of the role assumed, for STS). */
  recipientAccountId: string | null;
  /** The caller's user name (IAM user, the session issuer, an Identity Center / SAML user), carried down the chain. */
  callerUserName: string | null;
  /** The caller session's sourceIdentity (or Identity Center's onBehalfOf user), carried down the chain. */
  sourceIdentity: string | null;
  /** userIdentity.invokedBy: the AWS service that made the call for the caller, if any. */
  invokedBy: string | null;
};

export type LineageOrigin = {
  /** The long-term key, root's key or the first key whose issuing event is missing; null for root/console/service sign-ins without a key. */
  accessKeyId: string | null;
  arn: string | null;
  kind: LineageOriginKind;
  // ---- extras ----
  accountId: string | null;
  userName: string | null;
  /** sourceIdentity (or Identity Center onBehalfOf user) seen on the origin's events or its call. */
  sourceIdentity: string | null;
  /** Present only when the walk stopped early: a key met twice (altered evidence) or the depth limit. */
  stoppedBy?: "cycle" | "depth-limit";
};

export type LineageDerived = {
  key: string;
  issued: LineageIssued;
  /** Events made with this key, in the case. */
  eventCount: number;
  // ---- extras, so a tree can be drawn ----
  /** The key whose call issued this one (K or another derived key). */
  parentKey: string;
  /** 1 for keys issued by calls made with K, 2 for the keys those issued, … */
  depth: number;
};

export type Lineage = {
  key: string;
  /** The event that issued the key, or null when it is not in the evidence (or the key is long-term). */
  issued: LineageIssued | null;
  origin: LineageOrigin;
  /** From the key back to the origin: chain[0] issued the key, chain[i + 1] issued chain[i]'s caller key. */
  chain: LineageIssued[];
  /** Every key issued from calls made with the key, recursively, in issuing-time order. */
  derived: LineageDerived[];
  // ---- extra ----
  /** Events made in the case with each key named above (the key, each chain key, the origin key, each derived key). */
  eventCounts: Record<string, number>;
};
