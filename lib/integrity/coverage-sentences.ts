import type { ValueCount } from "@/lib/dashboard/case-dashboard-types";
import { quoteValue } from "@/lib/detections/rules/quote-value";
import type { CoverageStatement } from "@/lib/integrity/coverage-statement-types";

const LISTED = 15;

const num = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
const hoursText = (h: number) => (Number.isInteger(h) ? plural(h, "hour") : `${h.toFixed(2)} hours`);

function listed(values: ValueCount[]): string {
  const named = values.slice(0, LISTED).map((v) => `${v.value === "" ? "(not recorded)" : quoteValue(v.value)} (${num(v.count)})`);
  return values.length > LISTED ? `${named.join(", ")} and ${values.length - LISTED} more` : named.join(", ");
}

/**
 * The coverage statement as plain-text sentences, for a report, the CLI or a screen reader. CloudTrail
 * values are quoted (quoteValue) and the sentences are text, never markup. Pure.
 */
export function coverageSentences(c: Omit<CoverageStatement, "statements">): string[] {
  const out: string[] = [];
  if (c.events.total === 0) return ["The case holds no events: the evidence covers nothing yet."];
  out.push(
    `${plural(c.events.total, "event")} (${num(c.events.undated.count)} without a usable eventTime) for ${plural(c.accounts.length, "account")}: ${listed(c.accounts)}; ` +
      `in ${plural(c.regions.length, "region")}: ${listed(c.regions)}.`,
  );

  const g = c.globalServices;
  const perService = g.services.map((s) => `${s.eventSource.replace(".amazonaws.com", "")} ${num(s.usEast1.count)}`).join(", ");
  out.push(
    g.present
      ? `Global service events are present in us-east-1 (${perService}).`
      : "No IAM, STS or sign-in event is recorded in us-east-1: global service events are absent (the trail may exclude them, or us-east-1 was not collected), so IAM changes and role assumptions may be missing.",
  );

  const m = c.categories.management;
  if (m.count === 0) out.push("No management events: control-plane activity (IAM, EC2, CloudTrail changes …) is not in the evidence.");
  else {
    out.push(`Management events: ${num(m.count)} (read-only ${num(m.readOnly.count)}, write ${num(m.writeOnly.count)}, readOnly not recorded ${num(m.readOnlyNotRecorded.count)}).`);
    if (m.readOnly.count === 0) out.push("No read-only management event is marked as such: the trail may log write events only, which hides reconnaissance (List*, Describe*, Get*).");
  }

  const d = c.categories.data;
  out.push(
    d.count > 0
      ? `Data events: ${num(d.count)} (S3 object-level ${num(d.s3Object.count)}, Lambda invocations ${num(d.lambdaInvoke.count)}, other ${num(d.other.count)}).` +
          (d.s3Object.count === 0 ? " No S3 object-level events: object reads and writes are not visible." : "") +
          (d.lambdaInvoke.count === 0 ? " No Lambda invocations." : "")
      : "No data events: S3 object reads and writes (GetObject, PutObject …) and Lambda invocations are not in the evidence, so data access and exfiltration cannot be ruled out from it.",
  );
  out.push(c.categories.insight.count > 0 ? `Insights events: ${num(c.categories.insight.count)}.` : "No Insights events.");
  if (c.categories.none.count > 0) out.push(`${plural(c.categories.none.count, "event")} without an event category.`);

  if (c.foreignCallerAccounts.length > 0) {
    out.push(
      `Principals of ${plural(c.foreignCallerAccounts.length, "other account")} made calls recorded here: ${listed(c.foreignCallerAccounts)}; ` +
        "what they did in their own accounts is not in this evidence.",
    );
  }

  const t = c.time;
  if (t.first !== null && t.last !== null) out.push(`Events span ${t.first} to ${t.last} (UTC).`);
  if (t.window === null) out.push("No incident window is set on the case: the span is compared with itself.");
  else out.push(`The incident window runs from ${t.window.start ?? "(open)"} to ${t.window.end ?? "(open)"} (UTC).`);
  if (t.scope !== null) {
    const whole = t.uncovered[0];
    if (t.uncoveredTotal === 0) out.push("Every hour between the first and the last event of that span has events.");
    else if (t.uncoveredTotal === 1 && whole?.start === t.scope.start && whole.end === t.scope.end) {
      out.push(`No event falls between ${t.scope.start} and ${t.scope.end}: the evidence does not cover the window.`);
    } else {
      const edge = (kind: string) => t.uncovered.find((u) => u.kind === kind);
      const before = edge("before-first");
      const after = edge("after-last");
      const silent = t.uncovered.filter((u) => u.kind === "silent");
      const parts: string[] = [];
      if (before) parts.push(`nothing from ${before.start} until the first event at ${before.end} (${hoursText(before.hours)})`);
      if (silent.length > 0) {
        const more = t.uncoveredTotal - t.uncovered.length;
        parts.push(`${plural(silent.length + more, "stretch", "stretches")} of whole UTC hours without any event, the first from ${silent[0]!.start} to ${silent[0]!.end}`);
      }
      if (after) parts.push(`nothing after the last event at ${after.start} until ${after.end} (${hoursText(after.hours)})`);
      out.push(`Without events: ${parts.join("; ")}; ${hoursText(Math.round(t.uncoveredHours * 100) / 100)} in all.`);
    }
  }
  return out;
}
