/**
 * The normalised, narrow form of one CloudTrail record: what the `events` table stores and indexes.
 * The verbatim record itself is never re-serialised: it stays in the content-addressed evidence file
 * it came from, located by (evidence file, position). See ARCHITECTURE.md, "narrow event table".
 *
 * Every string here is attacker-controlled CloudTrail content. Nothing in this module escapes it:
 * escaping happens at each output (React text nodes, report renderers, CSV writer). The only
 * changes `normalizeEvent` makes to strings are storage rules: NUL characters removed (flag
 * `nul-removed`) and values cut to 8192 UTF-16 units (flag `truncated:<field>`). A JSON string is
 * required: other JSON types give null, except that numbers are stringified for ids, account ids and eventVersion.
 */
export type EventRow = {
  /**
   * CloudTrail `eventID`, or a deterministic `tb-sha256:<hex>` of the record (canonical JSON, keys
   * sorted) when it has none, is not a string/number, or exceeds 256 chars (flagged). Not unique
   * across deliveries: the same event arrives twice in real trails, so de-duplicate on it.
   */
  eventId: string;
  /**
   * UTC instant of `eventTime` (ms precision; zone-less "YYYY-MM-DD HH:MM:SS" is read as UTC; epoch
   * numbers accepted). When `eventTime` is absent, `@timestamp` then `p_event_time` (flagged
   * `eventTime-from-…`). Null when absent or unparseable (flagged).
   */
  eventTime: Date | null;
  eventVersion: string | null;
  eventSource: string | null;
  eventName: string | null;
  awsRegion: string | null;
  sourceIpAddress: string | null;
  userAgent: string | null;
  /** `userIdentity.type`: Root, IAMUser, AssumedRole, FederatedUser, AWSService, AWSAccount, IdentityCenterUser, SAMLUser, WebIdentityUser, Unknown … */
  identityType: string | null;
  /** `userIdentity.arn`; for AWSService callers the service principal (`userIdentity.invokedBy`) when there is no ARN. */
  principalArn: string | null;
  principalId: string | null;
  /** `userIdentity.accountId` (the caller's account; may be foreign). */
  principalAccountId: string | null;
  /**
   * Human name: `userIdentity.userName`, else the session issuer's userName, else "root" for Root,
   * else `invokedBy` for AWSService, else the last ARN path segment. Empty strings are skipped.
   */
  userName: string | null;
  accessKeyId: string | null;
  /** `userIdentity.sessionContext.sessionIssuer.arn` (the role behind an assumed-role session). */
  sessionIssuerArn: string | null;
  /** Role session name (from the assumed-role ARN) or federated user name. */
  sessionName: string | null;
  /** `userIdentity.sessionContext.sourceIdentity`, else `userIdentity.onBehalfOf.userId` (Identity Center), else top-level `sourceIdentity`. */
  sourceIdentity: string | null;
  /** `userIdentity.invokedBy` (AWS service acting for the caller). */
  invokedBy: string | null;
  /** `sessionContext.attributes.mfaAuthenticated` as a boolean; null when absent. */
  mfaAuthenticated: boolean | null;
  recipientAccountId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** `readOnly`; null when the record does not say (old eventVersions). */
  readOnly: boolean | null;
  /** `eventType`: AwsApiCall, AwsServiceEvent, AwsConsoleSignIn, AwsCloudTrailInsight, AwsVpceEvent … */
  eventType: string | null;
  /**
   * `eventCategory` (Management, Data, Insight, NetworkActivity). Absent from older records, so
   * then inferred (flag `eventCategory-inferred`): Insight for AwsCloudTrailInsight, Data when
   * `managementEvent` is false, else Management when the record has an eventType or eventVersion.
   */
  eventCategory: string | null;
  managementEvent: boolean | null;
  requestId: string | null;
  sharedEventId: string | null;
  vpcEndpointId: string | null;
  /**
   * The access key this event *issued*, if any: `responseElements.credentials.accessKeyId`
   * (AssumeRole*, GetSessionToken, GetFederationToken, AssumeRoot …) or
   * `responseElements.accessKey.accessKeyId` (CreateAccessKey). Drives credential lineage.
   */
  issuedAccessKeyId: string | null;
  /** The resources the call touched, as ARNs where buildable (`eventResources`): "same resource" pivots. */
  resources: string[];
  /**
   * Problems found while normalising that did not make the record unusable, e.g. "missing-eventID", and
   * the marker "console-session" (the keys came from a console sign-in); full list in `normalizeEvent`.
   */
  flags: string[];
};
