import type { DetectionEvent } from "@/lib/detections/detection-event";
import { DENIED_ERROR_CODES } from "@/lib/events/filter/filter-fields";

/**
 * The shape of a built-in detection rule (lib/detections/rules/<id>.ts, listed in registry.ts). Pure:
 * a rule never touches the database; the detection run (lib/findings/run-detections.ts) selects the
 * events a rule `needs` with SQL, builds DetectionEvents and hands them over.
 */
export const SEVERITIES = ["informational", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_FAMILIES = ["anti-forensics", "persistence", "credential-misuse", "discovery", "collection", "impact"] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/**
 * Which events the run gives the rule: those matching ANY listed criterion (an OR). Keep it narrow:
 * the run reads only the union of every rule's needs. `all` (every event of the case) is for the few
 * rules that must see all of an identity's calls, and costs a full pass.
 */
export type RuleNeeds = {
  eventNames?: readonly string[];
  eventSources?: readonly string[];
  identityTypes?: readonly string[];
  /** Event names starting with one of these (`event_name LIKE 'List%'`), for families no list can name (List*, Describe*, Get*, Delete*). */
  eventNamePrefixes?: readonly string[];
  /** Events with a baseline deviation of one of these kinds. */
  deviations?: readonly string[];
  /** userIdentity.arn / userAgent ILIKE one of these (case folded; Sigma rules pinned on those fields). */
  principalArnPatterns?: readonly string[];
  userAgentPatterns?: readonly string[];
  all?: true;
};

export type RuleMeta = {
  /** Stable, kebab-case, e.g. "cloudtrail-logging-stopped"; findings are keyed on it. */
  id: string;
  title: string;
  severity: Severity;
  family: RuleFamily;
  /** Why it matters, for the analyst and the report (one or two sentences). */
  description: string;
  /** ATT&CK technique ids, e.g. ["T1562.008"]; tactics come from lib/detections/attack.ts. */
  attack: readonly string[];
  /** The evidence fields the rule reads (CloudTrail names, dotted paths), shown with each finding. */
  evidenceFields: readonly string[];
  needs: RuleNeeds;
};

/** A stateless rule: judges one event at a time. */
export type EventRule = RuleMeta & {
  kind: "event";
  /** null: no hit. `failedAttempt`: the call was refused or failed (a denied StopLogging still fires, and says so). */
  match(event: DetectionEvent, context: DetectionContext): EventMatch | null;
};
export type EventMatch = { failedAttempt: boolean; reason: string };

/** A stateful rule: sees every needed event of the case at once, oldest first (bursts, sequences, "first …"). */
export type SequenceRule = RuleMeta & {
  kind: "sequence";
  /**
   * "principal": the rule's hits about a principal depend only on that principal's events (principalOf)
   * and carry it as their principal, so an incremental run re-evaluates only the principals that new
   * events touched (lib/findings/incremental-plan.ts). Without it, an incremental run re-evaluates the
   * rule over all its needed events. Claim it only when it is true: registry.test.ts checks it.
   */
  partition?: "principal";
  evaluate(events: readonly DetectionEvent[], context: DetectionContext): SequenceHit[];
};
export type SequenceHit = { eventIds: string[]; principal: string | null; failedAttempt: boolean; reason: string };

export type BuiltinRule = EventRule | SequenceRule;

/** Thresholds the case may change (defaults in DEFAULT_DETECTION_SETTINGS). */
export type DetectionSettings = {
  /** Window for every burst rule, minutes. */
  burstWindowMinutes: number;
  /** Denied or successful List/Describe/Get calls by one identity in the window. */
  discoveryBurst: number;
  /** S3 GetObject calls by one identity in the window. */
  getObjectBurst: number;
  /** GetSecretValue calls by one identity in the window. */
  secretsBurst: number;
  /** Delete* calls by one identity in the window. */
  massDeletion: number;
  /** Failed console sign-ins of one user within the window before a successful one. */
  consoleLoginFailures: number;
};

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  burstWindowMinutes: 10,
  discoveryBurst: 20,
  getObjectBurst: 100,
  secretsBurst: 10,
  massDeletion: 10,
  consoleLoginFailures: 3,
};

export type DetectionContext = {
  /** Accounts the evidence belongs to (recipientAccountId values of the case): anything else is foreign. */
  caseAccountIds: ReadonlySet<string>;
  /** Regions with activity before the incident window (or in the whole evidence without one). */
  usedRegions: ReadonlySet<string>;
  settings: DetectionSettings;
};

const DENIED = new Set<string>(DENIED_ERROR_CODES);

/** The call was refused (the product's one list of denied codes). */
export function isDeniedEvent(event: DetectionEvent): boolean {
  return event.errorCode !== null && DENIED.has(event.errorCode);
}

/** The call did not succeed: refused or any other error code (a failed attempt still fires). */
export function isFailedEvent(event: DetectionEvent): boolean {
  return event.errorCode !== null && event.errorCode !== "" && event.errorCode !== "Success";
}

/** Who a finding is about: the ARN, else the calling AWS service, else the user name, else "". */
export function principalOf(event: DetectionEvent): string {
  return event.principalArn ?? event.invokedBy ?? event.userName ?? "";
}
