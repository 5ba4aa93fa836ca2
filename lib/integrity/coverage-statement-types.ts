/**
 * What the evidence of a case covers and what it cannot show (issue #7), as returned by
 * lib/integrity/get-coverage-statement.ts. Every count links to exactly the events it counts. Account
 * and region values come from CloudTrail: render them as text only.
 */
import type { LinkedCount, ValueCount } from "@/lib/dashboard/case-dashboard-types";

/** A global service (IAM, STS, sign-in): its events recorded in us-east-1 and elsewhere. */
export type GlobalServiceCoverage = {
  eventSource: "iam.amazonaws.com" | "sts.amazonaws.com" | "signin.amazonaws.com";
  usEast1: LinkedCount;
  otherRegions: LinkedCount;
};

/** A stretch of the case's scope with no event at all (any account, any region). */
export type UncoveredStretch = {
  start: string;
  end: string;
  /** Duration in hours (fractional at the scope's edges, whole inside). */
  hours: number;
  /** "before-first": scope start → first event; "after-last": last event → scope end; "silent": whole UTC hours without events. */
  kind: "before-first" | "after-last" | "silent";
};

export type CoverageStatement = {
  events: { total: number; undated: LinkedCount };
  /** recipientAccountId values with their events ('' = not recorded), most first. */
  accounts: ValueCount[];
  /** awsRegion values with their events, most first. */
  regions: ValueCount[];
  /**
   * Callers' own accounts (userIdentity.accountId) that are none of the recipient accounts, with the
   * events they made, most first: what they did in their own accounts is not in this evidence.
   */
  foreignCallerAccounts: ValueCount[];
  globalServices: {
    /** Some IAM, STS or sign-in event recorded in us-east-1, where CloudTrail records global service events. */
    present: boolean;
    services: GlobalServiceCoverage[];
  };
  /** eventCategory (read, or inferred at ingest for records older than the field). */
  categories: {
    management: LinkedCount & { readOnly: LinkedCount; writeOnly: LinkedCount; readOnlyNotRecorded: LinkedCount };
    data: LinkedCount & { s3Object: LinkedCount; lambdaInvoke: LinkedCount; other: LinkedCount };
    insight: LinkedCount;
    /** Any other category (e.g. NetworkActivity), by value. */
    other: ValueCount[];
    /** No category recorded nor inferable. */
    none: LinkedCount;
  };
  time: {
    /** First and last eventTime (ISO UTC); null without dated events. */
    first: string | null;
    last: string | null;
    /** The case's incident window (either bound may be open); null when none is set. */
    window: { start: string | null; end: string | null } | null;
    /** The stretch compared: the window, an open bound replaced by the events' own first/last. Null without dated events or window. */
    scope: { start: string; end: string } | null;
    /** Parts of `scope` without any event, oldest first (at most UNCOVERED_LIMIT; `uncoveredTotal` counts them). */
    uncovered: UncoveredStretch[];
    uncoveredTotal: number;
    /** Hours of `scope` without events (the sum over every uncovered stretch). */
    uncoveredHours: number;
  };
  /** The same facts as sentences, for a report or the CLI (plain text). */
  statements: string[];
};
