import { formatUtc } from "@/lib/format/format-utc";
import type { ReportEvent, ReportSnapshot } from "@/lib/reports/report-types";

/** One event of the attacker's actions, with the names of the ATT&CK tactics it was filed under (report order). */
export type AttackerAction = { event: ReportEvent; tactics: string[] };

export type ReportFacts = {
  /** The confirmed findings' events, each once, oldest first (undated last, then by eventID). */
  actions: AttackerAction[];
  /** First and last of those events (ISO UTC); when none is dated, the evidence's own first and last event. */
  timeframe: { start: string | null; end: string | null; basis: "attacker" | "evidence" };
  /** The seed's output format ("Forensic Report: AWS-IR-…" then one line per label), as plain text values. */
  seedLines: { label: SeedLabel; value: string }[];
};

export const SEED_LABELS = ["Account", "Timeframe", "Compromised Credentials", "Suspicious Events", "Source IPs", "Actions Taken", "Data Accessed", "Persistence Mechanisms"] as const;
export type SeedLabel = (typeof SEED_LABELS)[number];

const LISTED = 12;
const NONE = "none found";

/** Sorts events oldest first, undated last, ties by eventID: the order every report format lists events in. */
export function byEventTime(a: ReportEvent, b: ReportEvent): number {
  const d = timeKey(a) - timeKey(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function timeKey(e: ReportEvent): number {
  const t = e.eventTime === null ? Number.NaN : Date.parse(e.eventTime);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** "a, b, c and 4 more". */
function listed(values: string[], max = LISTED): string {
  if (values.length === 0) return NONE;
  return values.length > max ? `${values.slice(0, max).join(", ")} and ${values.length - max} more` : values.join(", ");
}

/** Distinct values in first-seen order, with "×n" when a value repeats. */
function counted(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => (n > 1 ? `${v} ×${n}` : v));
}

/** What an event did, in a few words: "CreateUser", "ListUsers (AccessDenied)". */
export function actionName(e: ReportEvent): string {
  const name = e.eventName ?? "(no eventName)";
  return e.errorCode ? `${name} (${e.errorCode})` : name;
}

/**
 * The report's headline facts, derived from the snapshot the same way for every format (HTML, Markdown,
 * PDF), so they state the same thing: the attacker's actions (each event once), the timeframe and the
 * seed's summary lines. Pure; every value is plain text (CloudTrail content included): escape it for
 * the output format.
 */
export function reportFacts(s: ReportSnapshot): ReportFacts {
  const tactics = new Map<string, AttackerAction>();
  for (const group of s.actionsByTactic) {
    for (const event of group.events) {
      const action = tactics.get(event.eventId) ?? { event, tactics: [] };
      if (!action.tactics.includes(group.tacticName)) action.tactics.push(group.tacticName);
      tactics.set(event.eventId, action);
    }
  }
  const actions = [...tactics.values()].sort((a, b) => byEventTime(a.event, b.event));
  const dated = actions.map((a) => a.event.eventTime).filter((t): t is string => t !== null && !Number.isNaN(Date.parse(t)));
  const timeframe =
    dated.length > 0
      ? { start: dated[0]!, end: dated[dated.length - 1]!, basis: "attacker" as const }
      : { start: s.scope.first, end: s.scope.last, basis: "evidence" as const };

  const touched = (events: ReportEvent[]) =>
    counted(events.flatMap((e) => (e.resources.length > 0 ? e.resources.map((r) => `${r} (${actionName(e)})`) : [`${actionName(e)} (no resource recorded)`])));
  const accounts = s.scope.accounts.map((a) => (a.value === "" ? "(not recorded)" : a.value));
  const timeframeText =
    timeframe.start === null || timeframe.end === null
      ? "no dated events"
      : `${formatUtc(timeframe.start)} to ${formatUtc(timeframe.end)}${timeframe.basis === "evidence" ? " (whole evidence: no confirmed finding has dated events)" : ""}`;
  const seedLines: ReportFacts["seedLines"] = [
    { label: "Account", value: listed(accounts) },
    { label: "Timeframe", value: timeframeText },
    { label: "Compromised Credentials", value: listed(s.compromisedCredentials.map((c) => c.accessKeyId)) },
    { label: "Suspicious Events", value: actions.length.toLocaleString("en-US") },
    { label: "Source IPs", value: listed(s.sourceIps.map((ip) => ip.ip)) },
    { label: "Actions Taken", value: listed(counted(actions.map((a) => actionName(a.event)))) },
    { label: "Data Accessed", value: listed(touched(s.dataAccessed), 8) },
    { label: "Persistence Mechanisms", value: listed(touched(s.persistence), 8) },
  ];
  return { actions, timeframe, seedLines };
}
