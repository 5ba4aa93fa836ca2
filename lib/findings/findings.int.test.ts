// The detection run's bookkeeping on hand-built events and test rules: grouping into findings, the
// `finding:` filter, re-runs that update in place and keep triage, removal of stale untriaged findings,
// and the case fence.
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { parseChartFilter } from "@/lib/charts/chart-params";
import { getPool } from "@/lib/db/client";
import { stringAt } from "@/lib/detections/detection-event";
import { isFailedEvent, principalOf, type EventRule, type SequenceRule } from "@/lib/detections/rule-types";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";
import { countEvents } from "@/lib/events/count-events";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { getTimeline } from "@/lib/timeline/get-timeline";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";
import { listFindings } from "@/lib/findings/list-findings";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { triageFinding } from "@/lib/findings/triage-finding";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

const ALICE = "arn:aws:iam::111122223333:user/alice";
const MALLORY = "arn:aws:iam::111122223333:user/mallory";

const stopLogging: EventRule = {
  kind: "event",
  id: "test-stop-logging",
  title: "Trail logging stopped",
  severity: "high",
  family: "anti-forensics",
  description: "test",
  attack: ["T1562.008"],
  evidenceFields: ["eventName", "errorCode"],
  needs: { eventNames: ["StopLogging"] },
  match: (e) => ({ failedAttempt: isFailedEvent(e), reason: `StopLogging on ${stringAt(e.record, "requestParameters.name") ?? "?"}` }),
};
const listBurst: SequenceRule = {
  kind: "sequence",
  id: "test-list-burst",
  title: "ListBuckets burst",
  severity: "low",
  family: "discovery",
  description: "test",
  attack: ["T1580"],
  evidenceFields: ["eventName"],
  needs: { eventNames: ["ListBuckets"] },
  evaluate: (events) => {
    const by = new Map<string, string[]>();
    for (const e of events) by.set(principalOf(e), [...(by.get(principalOf(e)) ?? []), e.eventId]);
    return [...by].filter(([, ids]) => ids.length >= 3).map(([principal, ids]) => ({ principal, eventIds: ids, failedAttempt: false, reason: `${ids.length} ListBuckets` }));
  },
};
const RULES: RunnableRule[] = [
  { source: "builtin", rule: stopLogging },
  { source: "builtin", rule: listBurst },
];

let scope: CaseScope;
let caseId: string;
let leadId: string;

const ev = (i: number, e: Omit<SeedEvent, "eventId">): SeedEvent => ({ eventId: `ev-${String(i).padStart(3, "0")}`, recipientAccountId: "111122223333", ...e });

beforeAll(async () => {
  const lead = await seedUser();
  leadId = lead.id;
  caseId = (await seedCase(lead)).id;
  await seedEvents(caseId, [
    ev(1, { eventTime: "2023-07-10T10:00:00Z", principalArn: MALLORY, eventName: "StopLogging", errorCode: "AccessDenied" }),
    ev(2, { eventTime: "2023-07-10T10:01:00Z", principalArn: MALLORY, eventName: "StopLogging", errorCode: "AccessDenied" }),
    ev(3, { eventTime: "2023-07-10T10:05:00Z", principalArn: ALICE, eventName: "StopLogging" }),
    ev(4, { eventTime: "2023-07-10T11:00:00Z", principalArn: MALLORY, eventName: "ListBuckets" }),
    ev(5, { eventTime: "2023-07-10T11:00:01Z", principalArn: MALLORY, eventName: "ListBuckets" }),
    ev(6, { eventTime: "2023-07-10T11:00:02Z", principalArn: MALLORY, eventName: "ListBuckets" }),
    ev(7, { eventTime: "2023-07-10T11:00:03Z", principalArn: ALICE, eventName: "ListBuckets" }),
    ev(8, { eventTime: "2023-07-10T12:00:00Z", principalArn: ALICE, eventName: "GetObject" }),
  ]);
  // The rest of the record (search_text) as ingest keeps it: the rules read requestParameters from it.
  await getPool().query(`UPDATE events SET search_text = '{"requestParameters":{"name":"org-trail"}}' WHERE case_id = $1 AND event_name = 'StopLogging'`, [caseId]);
  scope = await resolveCaseScope(lead.id, caseId, "events:read");
});

const summary = (f: { ruleId: string; principal: string; failedAttempt: boolean; eventCount: number }) => `${f.ruleId} ${f.principal} ${f.failedAttempt ? "failed" : "ok"} ${f.eventCount}`;

describe("detection run", () => {
  it("groups hits by rule, principal and failed-or-not, reads only the events the rules need, and links each finding to exactly its events", async () => {
    const run = await unsafeRunCaseDetections(caseId, { rules: RULES });
    expect(run).toMatchObject({ mode: "full", builtinRules: 2, sigmaRules: 0, eventsRead: 7, findings: 3, created: 3, updated: 0, removed: 0 });
    const findings = await listFindings(scope, { eventIds: true });
    expect(findings.map(summary)).toEqual([`test-stop-logging ${MALLORY} failed 2`, `test-stop-logging ${ALICE} ok 1`, `test-list-burst ${MALLORY} ok 3`]);
    expect(findings[0]).toMatchObject({ reason: "StopLogging on org-trail", tactics: ["defense-evasion"], firstAt: "2023-07-10T10:00:00.000Z", lastAt: "2023-07-10T10:01:00.000Z", status: "new" });
    expect(findings[2]!.eventIds).toEqual(["ev-004", "ev-005", "ev-006"]);
    for (const f of findings) {
      const q = new URL(f.eventsHref, "http://x").searchParams.get("q");
      expect((await countEvents(scope, parseChartFilter(q))).total).toBe(f.eventCount);
    }
  });

  it("updates findings in place on a re-run after more evidence, keeping their triage and counting what is new", async () => {
    const before = await listFindings(scope);
    const burst = before.find((f) => f.ruleId === "test-list-burst")!;
    const lead = { ...scope };
    await triageFinding(lead, { findingId: burst.id, status: "confirmed", note: "recon from mallory" });
    await seedEvents(caseId, [ev(9, { eventTime: "2023-07-10T11:00:04Z", principalArn: MALLORY, eventName: "ListBuckets" })]);
    const run = await unsafeRunCaseDetections(caseId, { rules: RULES });
    // Incremental: the new file holds one ListBuckets; the burst rule (no partition) is re-evaluated whole.
    expect(run).toMatchObject({ mode: "incremental", newFiles: 1, findings: 1, created: 0, updated: 1, removed: 0 });
    const after = await listFindings(scope);
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
    expect(after.find((f) => f.id === burst.id)).toMatchObject({ status: "confirmed", note: "recon from mallory", eventCount: 4, newSinceTriage: 1 });
  });

  it("removes untriaged findings a run no longer produces, and keeps triaged ones", async () => {
    const run = await unsafeRunCaseDetections(caseId, { rules: [{ source: "builtin", rule: listBurst }] });
    expect(run).toMatchObject({ mode: "full", findings: 1, created: 0, updated: 1, removed: 2 });
    expect((await listFindings(scope)).map(summary)).toEqual([`test-list-burst ${MALLORY} ok 4`]);
    // The overview counts it and the timeline marks it at its first event.
    const d = await getCaseDashboard(scope);
    expect(d.findings.byStatus).toEqual({ new: 0, confirmed: 1, falsePositive: 0 });
    expect(d.findings.open.map((f) => `${f.title} ${f.eventCount}`)).toEqual(["ListBuckets burst 4"]);
    await unsafeRebuildCaseRollups(caseId);
    const markers = (await getTimeline(scope, undefined)).markers;
    expect(markers.map((m) => `${m.kind} ${m.time}`)).toEqual(["finding 2023-07-10T11:00:00.000Z"]);
  });

  it("keeps findings inside their case: another case's finding id lists nothing and cannot be triaged", async () => {
    const other = await seedUser();
    const otherCase = (await seedCase(other)).id;
    const otherScope = await resolveCaseScope(other.id, otherCase, "evidence:write");
    const [finding] = await listFindings(scope);
    await expect(triageFinding(otherScope, { findingId: finding!.id, status: "false-positive", note: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await countEvents(otherScope, parseChartFilter(`finding:${finding!.id}`))).total).toBe(0);
    await expect(resolveCaseScope(other.id, caseId, "events:read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(leadId).toBeTruthy();
  });
});
