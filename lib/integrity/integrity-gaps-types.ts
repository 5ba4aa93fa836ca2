/**
 * Where the evidence may be incomplete (issue #7), as returned by lib/integrity/get-gaps.ts: silent
 * stretches of an account × region, windows when a trail was not logging, and every change made to a
 * trail. Strings from CloudTrail (account, region, trail names, actors, parameter values) are
 * attacker-controlled: render them as text only.
 */

/**
 * A silent stretch of one recipient account × region (a "stream") that the gap rule judges unusual for
 * that stream (see GapRule). Times are whole UTC hours.
 */
export type SilenceGap = {
  /** '' when the records do not say (old records carry no recipientAccountId). */
  account: string;
  region: string;
  /** "inside": the stream resumes after the silence; "ended": it never resumes before the case's last hour with events. */
  kind: "inside" | "ended";
  /** First silent hour (ISO UTC). */
  start: string;
  /** End, exclusive (ISO UTC): the stream's next hour with events; for "ended", the hour after the case's last hour with events. */
  end: string;
  /** Whole silent hours. */
  hours: number;
  /** The stream's pattern the silence is judged against: hours with events, and hours from its first to its last. */
  streamActiveHours: number;
  streamSpanHours: number;
  /** Events of the rest of the case (other accounts × regions) during the silence; 0: the whole evidence is silent then. */
  otherEvents: number;
  /** The stream's events in its hour before and its hour after the silence (the edges of the gap). */
  href: string;
  /** Every event of the case during the silence (otherEvents of them). */
  othersHref: string;
};

/** The definition used, returned with the result so a page or report can quote it. */
export type GapRule = {
  minSilentHours: number;
  minActiveHours: number;
  text: string;
};

/** A CloudTrail API call on a trail, as a reference. */
export type TrailCallRef = {
  eventId: string;
  eventName: string;
  /** ISO UTC; null for an undated record. */
  eventTime: string | null;
  /** userIdentity.arn, else the AWS service that made the call, else the user name; '' when none. */
  actor: string;
  sourceIp: string | null;
  /** The events page with exactly this event. */
  href: string;
};

/**
 * One call of StopLogging, StartLogging, CreateTrail, UpdateTrail, DeleteTrail, PutEventSelectors or
 * PutInsightSelectors (successful or not), with what it changed or asked to change.
 */
export type TrailChange = TrailCallRef & {
  /** requestParameters.name or .trailName, as given (a name or an ARN); null when absent. */
  trail: string | null;
  /** recipientAccountId and awsRegion of the call. */
  account: string | null;
  region: string | null;
  succeeded: boolean;
  errorCode: string | null;
  /** Plain-text lines, e.g. `isMultiRegionTrail: false`, `eventSelectors[0]: readWriteType "ReadOnly", management events off …`. */
  changes: string[];
};

/**
 * A time when a trail was not logging: opened by a successful StopLogging or DeleteTrail, closed by the
 * next successful StartLogging on the same trail (same account and name, whether named by ARN or
 * name); open-ended when none follows in the evidence. Failed calls open and close nothing (they are in
 * `trailChanges` with `succeeded: false`).
 */
export type LoggingWindow = {
  trail: string | null;
  /** `<account>/<name>`: how calls naming the trail by ARN or by name are matched. */
  trailKey: string;
  account: string | null;
  region: string | null;
  start: string;
  /** Null: logging was not seen restarting before the end of the evidence. */
  end: string | null;
  openedBy: TrailCallRef;
  closedBy: TrailCallRef | null;
  /** The trail was deleted inside the window (by the opening call or a later one). */
  deleted: boolean;
  /** Every event of the case recorded during the window (by other trails or regions, if any). */
  href: string;
};

export type IntegrityGaps = {
  /** Events committed since the rollups were last rebuilt: the silences do not account for them yet. */
  pendingEvents: number;
  rule: GapRule;
  /** Chronological; at most GAPS_LIMIT items, `total` counts them all. */
  silences: { items: SilenceGap[]; total: number };
  loggingWindows: LoggingWindow[];
  /** Chronological; at most TRAIL_CHANGES_LIMIT items, `total` counts them all. */
  trailChanges: { items: TrailChange[]; total: number };
};
