// Incremental detection runs (issue #6, "incremental on new events") on hand-built events and test rules
// of each strategy: a stateless rule merges the new file's hits into its findings, a principal-partitioned
// burst rule re-reads only the touched principals, a whole-case sequence rule is re-evaluated and its
// stale finding removed. Each incremental result must equal a full recomputation of the same events.
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { isFailedEvent, principalOf, type EventRule, type SequenceRule } from "@/lib/detections/rule-types";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";
import { listFindings } from "@/lib/findings/list-findings";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { triageFinding } from "@/lib/findings/triage-finding";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

const ALICE = "arn:aws:iam::111122223333:user/alice";
const MALLORY = "arn:aws:iam::111122223333:user/mallory";

const meta = { severity: "high", family: "anti-forensics", description: "test", attack: ["T1562.008"], evidenceFields: ["eventName"] } as const;
const stopLogging: EventRule = {
  ...meta,
  kind: "event",
  id: "t-stop",
  title: "StopLogging",
  needs: { eventNames: ["StopLogging"] },
  match: (e) => ({ failedAttempt: isFailedEvent(e), reason: `StopLogging at ${e.eventTime?.toISOString()}` }),
};
const listBurst: SequenceRule = {
  ...meta,
  kind: "sequence",
  partition: "principal",
  id: "t-burst",
  title: "ListBuckets burst",
  needs: { eventNames: ["ListBuckets"] },
  evaluate: (events) => {
    const by = new Map<string, string[]>();
    for (const e of events) by.set(principalOf(e), [...(by.get(principalOf(e)) ?? []), e.eventId]);
    return [...by].filter(([, ids]) => ids.length >= 3).map(([principal, ids]) => ({ principal, eventIds: ids, failedAttempt: false, reason: `${ids.length} ListBuckets` }));
  },
};
/** The case's first CreateUser, whoever made it: a new, older call moves the hit to another principal. */
const firstCreateUser: SequenceRule = {
  ...meta,
  kind: "sequence",
  id: "t-first-user",
  title: "First user created",
  needs: { eventNames: ["CreateUser"] },
  evaluate: (events) => (events[0] ? [{ principal: principalOf(events[0]), eventIds: [events[0].eventId], failedAttempt: false, reason: "first CreateUser" }] : []),
};
const RULES: RunnableRule[] = [stopLogging, listBurst, firstCreateUser].map((rule) => ({ source: "builtin", rule }));

const ev = (id: string, eventTime: string, principalArn: string, eventName: string, errorCode?: string): SeedEvent => ({
  eventId: id,
  eventTime,
  principalArn,
  eventName,
  recipientAccountId: "111122223333",
  ...(errorCode ? { errorCode } : {}),
});

let caseId: string;
let scope: CaseScope;

/** A finding as compared between runs: everything a run computes, event ids as a set. */
async function snapshot() {
  return (await listFindings(scope, { eventIds: true }))
    .map((f) => ({ rule: f.ruleId, principal: f.principal, failed: f.failedAttempt, count: f.eventCount, ids: [...(f.eventIds ?? [])].sort(), first: f.firstAt, last: f.lastAt }))
    .sort((a, b) => `${a.rule} ${a.principal}`.localeCompare(`${b.rule} ${b.principal}`));
}

beforeAll(async () => {
  const lead = await seedUser();
  caseId = (await seedCase(lead)).id;
  scope = await resolveCaseScope(lead.id, caseId, "evidence:write");
  await seedEvents(caseId, [
    ev("a1", "2023-07-10T10:00:00Z", MALLORY, "StopLogging", "AccessDenied"),
    ev("a2", "2023-07-10T10:01:00Z", MALLORY, "StopLogging", "AccessDenied"),
    ev("a3", "2023-07-10T11:00:00Z", MALLORY, "ListBuckets"),
    ev("a4", "2023-07-10T11:00:01Z", MALLORY, "ListBuckets"),
    ev("a5", "2023-07-10T11:00:02Z", MALLORY, "ListBuckets"),
    ev("a6", "2023-07-10T11:00:03Z", ALICE, "ListBuckets"),
    ev("a7", "2023-07-10T11:05:00Z", ALICE, "ListBuckets"),
    ev("a8", "2023-07-10T12:00:00Z", ALICE, "CreateUser"),
  ]);
});

describe("incremental detection runs", () => {
  it("the first run is a full one and records the files it includes", async () => {
    const run = await unsafeRunCaseDetections(caseId, { rules: RULES });
    expect(run).toMatchObject({ mode: "full", newFiles: 1, eventsRead: 8, findings: 3, created: 3, updated: 0, removed: 0 });
    expect((await snapshot()).map((f) => `${f.rule} ${f.principal} ${f.count}`)).toEqual([
      `t-burst ${MALLORY} 3`,
      `t-first-user ${ALICE} 1`,
      `t-stop ${MALLORY} 2`,
    ]);
    const { rows } = await getPool().query(`SELECT detections_mode, detections_event_count, detections_fingerprint FROM cases WHERE id = $1`, [caseId]);
    expect(rows[0]).toMatchObject({ detections_mode: "full", detections_event_count: 8, detections_fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("a run with nothing new reads nothing", async () => {
    expect(await unsafeRunCaseDetections(caseId, { rules: RULES })).toMatchObject({ mode: "unchanged", newFiles: 0, eventsRead: 0, created: 0, updated: 0, removed: 0 });
  });

  it("after new (partly older) evidence, reads only what it changes and ends exactly where a full run ends", async () => {
    const stop = (await listFindings(scope)).find((f) => f.ruleId === "t-stop")!;
    await triageFinding(scope, { findingId: stop.id, status: "confirmed", note: "the key tried to blind us" });
    const updatedAt = async () =>
      (await getPool().query<{ at: Date }>(`SELECT updated_at AS at FROM findings WHERE case_id = $1 AND rule_id = 't-burst' AND principal = $2`, [caseId, MALLORY])).rows[0]!.at.toISOString();
    const malloryBurstUpdated = await updatedAt();
    await seedEvents(caseId, [
      ev("b1", "2023-07-10T09:00:00Z", MALLORY, "StopLogging", "AccessDenied"),
      ev("b2", "2023-07-10T11:06:00Z", ALICE, "ListBuckets"),
      ev("b3", "2023-07-10T08:00:00Z", MALLORY, "CreateUser"),
      ev("b4", "2023-07-10T08:30:00Z", ALICE, "GetObject"),
    ]);
    const run = await unsafeRunCaseDetections(caseId, { rules: RULES });
    // Read: the new file's StopLogging and ListBuckets (2), alice's three ListBuckets, both CreateUser (5).
    expect(run).toMatchObject({ mode: "incremental", newFiles: 1, eventsRead: 7, findings: 3, created: 2, updated: 1, removed: 1 });
    const after = await listFindings(scope, { eventIds: true });
    // The stateless finding grew in place, kept its triage, and counts the new event as new since triage.
    expect(after.find((f) => f.id === stop.id)).toMatchObject({
      eventCount: 3,
      firstAt: "2023-07-10T09:00:00.000Z",
      lastAt: "2023-07-10T10:01:00.000Z",
      status: "confirmed",
      note: "the key tried to blind us",
      newSinceTriage: 1,
      eventIds: ["a1", "a2", "b1"],
    });
    // Mallory's burst was not touched (same row, same update time); alice's is new; the first CreateUser moved.
    expect(await updatedAt()).toBe(malloryBurstUpdated);
    const incremental = await snapshot();
    expect(incremental.map((f) => `${f.rule} ${f.principal} ${f.count} ${f.ids.join(",")}`)).toEqual([
      `t-burst ${ALICE} 3 a6,a7,b2`,
      `t-burst ${MALLORY} 3 a3,a4,a5`,
      `t-first-user ${MALLORY} 1 b3`,
      `t-stop ${MALLORY} 3 a1,a2,b1`,
    ]);
    const full = await unsafeRunCaseDetections(caseId, { rules: RULES, full: true });
    expect(full).toMatchObject({ mode: "full", newFiles: 2, eventsRead: 11, findings: 4, created: 0, removed: 0 });
    expect(await snapshot()).toEqual(incremental);
  });

  it("a changed threshold, rule or rule set makes the next run a full one", async () => {
    await getPool().query(`UPDATE cases SET detection_settings = '{"discoveryBurst": 50}' WHERE id = $1`, [caseId]);
    expect(await unsafeRunCaseDetections(caseId, { rules: RULES })).toMatchObject({ mode: "full", eventsRead: 11 });
    expect(await unsafeRunCaseDetections(caseId, { rules: RULES })).toMatchObject({ mode: "unchanged" });
    const edited: EventRule = { ...stopLogging, match: (e) => ({ failedAttempt: false, reason: `edited ${e.eventId}` }) };
    expect(await unsafeRunCaseDetections(caseId, { rules: [{ source: "builtin", rule: edited }, ...RULES.slice(1)] })).toMatchObject({ mode: "full" });
    expect(await unsafeRunCaseDetections(caseId, { rules: RULES.slice(1) })).toMatchObject({ mode: "full" });
  });
});
