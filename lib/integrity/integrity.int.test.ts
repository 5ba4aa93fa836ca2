// Delivery ledger, gaps, coverage statement and checklist on hand-built events: every figure is checked
// against values worked out here from the seeded rows (or by hand, for the gap rule), and every link
// against the events page's own count of it.
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { parseChartFilter } from "@/lib/charts/chart-params";
import { getPool } from "@/lib/db/client";
import { countEvents } from "@/lib/events/count-events";
import { findUnresolvedTemporaryKeys } from "@/lib/integrity/find-unresolved-temporary-keys";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getDeliveryLedger } from "@/lib/integrity/get-delivery-ledger";
import { GAP_MIN_ACTIVE_HOURS, getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

const A1 = "111122223333";
const FOREIGN = "999988887777";
const ATTACKER = `arn:aws:iam::${A1}:user/mallory`;
const ROLE = `arn:aws:sts::${A1}:assumed-role/Ops/s1`;
const H0 = Date.UTC(2023, 6, 10, 0, 0, 0);
const HOUR = 3_600_000;
const at = (h: number, min = 5) => new Date(H0 + h * HOUR + min * 60_000).toISOString();
const iso = (ms: number) => new Date(ms).toISOString();

// Stream S1 (A1, us-east-1): a heartbeat every hour 0–29 and 33–40, then nothing while S2 goes on to hour 45.
const S1_HOURS = [...Array.from({ length: 30 }, (_, h) => h), ...Array.from({ length: 8 }, (_, i) => 33 + i)];
const heartbeat: SeedEvent[] = S1_HOURS.map((h) => ({
  eventId: `hb-${String(h).padStart(2, "0")}`, eventTime: at(h), recipientAccountId: A1, awsRegion: "us-east-1", eventSource: "s3.amazonaws.com",
  eventName: "GetBucketAcl", invokedBy: "cloudtrail.amazonaws.com", principalArn: "cloudtrail.amazonaws.com", eventCategory: "Management", readOnly: true,
}));
const s1 = (e: SeedEvent): SeedEvent => ({ recipientAccountId: A1, awsRegion: "us-east-1", eventCategory: "Management", ...e });
const trail = (id: string, h: number, min: number, eventName: string, errorCode?: string): SeedEvent =>
  s1({ eventId: id, eventTime: at(h, min), eventSource: "cloudtrail.amazonaws.com", eventName, principalArn: ATTACKER, accessKeyId: "AKIALONGTERM", readOnly: false, errorCode });
const others: SeedEvent[] = [
  s1({ eventId: "iam-1", eventTime: at(3), eventSource: "iam.amazonaws.com", eventName: "CreateUser", readOnly: false, principalArn: `arn:aws:iam::${FOREIGN}:user/partner`, principalAccountId: FOREIGN }),
  trail("tr-stop", 5, 10, "StopLogging"),
  trail("tr-stop-denied", 5, 20, "StopLogging", "AccessDenied"),
  trail("tr-start", 7, 30, "StartLogging"),
  trail("tr-delete", 8, 0, "DeleteTrail"),
  trail("tr-update", 9, 0, "UpdateTrail"),
  trail("tr-selectors", 9, 1, "PutEventSelectors"),
  trail("tr-cut", 9, 2, "UpdateTrail"),
  s1({ eventId: "k-issue", eventTime: at(10, 0), eventSource: "sts.amazonaws.com", eventName: "AssumeRole", readOnly: true, accessKeyId: "AKIALONGTERM", principalArn: ATTACKER, issuedAccessKeyId: "ASIAISSUED" }),
  s1({ eventId: "k-use-1", eventTime: at(10, 30), eventSource: "s3.amazonaws.com", eventName: "ListBuckets", readOnly: true, accessKeyId: "ASIAISSUED", identityType: "AssumedRole", principalArn: ROLE }),
  s1({ eventId: "k-use-2", eventTime: at(11), eventSource: "s3.amazonaws.com", eventName: "ListBuckets", readOnly: true, accessKeyId: "ASIAISSUED", identityType: "AssumedRole", principalArn: ROLE }),
  s1({ eventId: "k-console", eventTime: at(12), eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", readOnly: true, accessKeyId: "ASIACONSOLE", identityType: "IAMUser", principalArn: `arn:aws:iam::${A1}:user/ops`, flags: ["console-session"] }),
  ...[13, 14, 15].map((h) => s1({ eventId: `k-orphan-${h}`, eventTime: at(h), eventSource: "ec2.amazonaws.com", eventName: "DescribeRegions", readOnly: true, accessKeyId: "ASIAORPHAN", identityType: "AssumedRole", principalArn: ROLE })),
  s1({ eventId: "k-failed-issue", eventTime: at(16, 0), eventSource: "sts.amazonaws.com", eventName: "AssumeRole", readOnly: true, accessKeyId: "AKIALONGTERM", principalArn: ATTACKER, errorCode: "AccessDenied", issuedAccessKeyId: "ASIAFAILED" }),
  s1({ eventId: "k-failed-use", eventTime: at(16, 30), eventSource: "ec2.amazonaws.com", eventName: "DescribeRegions", readOnly: true, accessKeyId: "ASIAFAILED", identityType: "AssumedRole", principalArn: ROLE }),
  s1({ eventId: "undated-1", eventTime: null, eventSource: "ec2.amazonaws.com", eventName: "DescribeVpcs", readOnly: true }),
  s1({ eventId: "insight-1", eventTime: at(17), eventCategory: "Insight", eventType: "AwsCloudTrailInsight", eventName: "AttachUserPolicy" }),
];
// Stream S2 (A1, eu-west-1): a quiet pattern, two hours on, two off, hours 0–45 (24 active hours): never a gap.
const quiet: SeedEvent[] = Array.from({ length: 46 }, (_, h) => h)
  .filter((h) => h % 4 < 2)
  .map((h) => ({ eventId: `q-${String(h).padStart(2, "0")}`, eventTime: at(h, 30), recipientAccountId: A1, awsRegion: "eu-west-1", eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity", eventCategory: "Management" }));
// Stream S3 (no recipientAccountId, us-east-1): data events.
const data: SeedEvent[] = [
  { eventId: "d-s3", eventTime: at(2, 0), awsRegion: "us-east-1", eventSource: "s3.amazonaws.com", eventName: "GetObject", eventCategory: "Data", readOnly: true },
  { eventId: "d-lambda", eventTime: at(2, 10), awsRegion: "us-east-1", eventSource: "lambda.amazonaws.com", eventName: "Invoke", eventCategory: "Data", readOnly: false },
  { eventId: "d-ddb", eventTime: at(2, 20), awsRegion: "us-east-1", eventSource: "dynamodb.amazonaws.com", eventName: "GetItem", eventCategory: "Data", readOnly: true },
];
const ALL = [...heartbeat, ...others, ...quiet, ...data];

const PARAMS: Record<string, unknown> = {
  "tr-stop": { name: "main" },
  "tr-stop-denied": { name: "main" },
  "tr-start": { name: "main" },
  "tr-delete": { name: `arn:aws:cloudtrail:us-east-1:${A1}:trail/old` },
  "tr-update": { name: "main", isMultiRegionTrail: false },
  "tr-selectors": { trailName: "main", eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [] }] },
};

let caseId: string;
let scope: CaseScope;
let bobScope: CaseScope;
let viewerScope: CaseScope;

async function countOf(href: string): Promise<number> {
  return (await countEvents(scope, parseChartFilter(new URL(href, "http://x").searchParams.get("q")))).total;
}

beforeAll(async () => {
  const lead = await seedUser();
  const viewer = await seedUser();
  const bob = await seedUser();
  const c = await seedCase(lead);
  caseId = c.id;
  await seedEvents(caseId, heartbeat);
  await seedEvents(caseId, others);
  await seedEvents(caseId, quiet);
  await seedEvents(caseId, data);
  const pool = getPool();
  for (const [id, params] of Object.entries(PARAMS)) {
    await pool.query(`UPDATE events SET search_text = $3 WHERE case_id = $1 AND event_id = $2`, [caseId, id, JSON.stringify({ requestParameters: params })]);
  }
  // A search text cut at ingest (invalid JSON) whose evidence cannot be re-read: the call is listed, its changes unknown.
  await pool.query(`UPDATE events SET search_text = '{"requestParameters":{"name":"ma' WHERE case_id = $1 AND event_id = 'tr-cut'`, [caseId]);
  // A digest file in an organization trail's layout.
  await pool.query(
    `INSERT INTO evidence_files (case_id, ingest_run_id, path, kind, records)
     SELECT $1, ingest_run_id, 'logs.zip/AWSLogs/o-abcdefghij/${A1}/CloudTrail-Digest/us-east-1/2023/07/10/${A1}_CloudTrail-Digest_us-east-1_x_us-east-1_20230710T010000Z.json.gz', 'digest', 0
       FROM evidence_files WHERE case_id = $1 LIMIT 1`,
    [caseId],
  );
  await pool.query(`UPDATE cases SET evidence_file_count = evidence_file_count + 1 WHERE id = $1`, [caseId]); // as the ingest's batch does
  await pool.query(`UPDATE cases SET window_start = $2, window_end = $3 WHERE id = $1`, [caseId, new Date(H0 - 2 * HOUR), new Date(H0 + 48 * HOUR)]);
  expect((await unsafeRebuildCaseRollups(caseId)).events).toBe(ALL.length);
  scope = await resolveCaseScope(lead.id, caseId, "events:read");
  await addMember(caseId, viewer, "viewer");
  viewerScope = await resolveCaseScope(viewer.id, caseId, "case:read");
  const bobCase = await seedCase(bob);
  await seedEvents(bobCase.id, [{ eventId: "bob-1", eventTime: at(1), recipientAccountId: "555566667777", awsRegion: "us-east-1", eventCategory: "Management", eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com" }]);
  await unsafeRebuildCaseRollups(bobCase.id);
  bobScope = await resolveCaseScope(bob.id, bobCase.id, "events:read");
});

// Independent figures from the seeded rows.
const streamOf = (e: SeedEvent) => JSON.stringify([e.recipientAccountId ?? "", e.awsRegion ?? ""]);
const dated = (e: SeedEvent) => e.eventTime !== null && e.eventTime !== undefined;
const hourOf = (e: SeedEvent) => Math.floor(new Date(e.eventTime as string).getTime() / HOUR) * HOUR;

describe("delivery ledger", () => {
  it("lists each account × region with its events, active hours, exact first/last time, files and sources", async () => {
    const ledger = await getDeliveryLedger(scope, { streamFiles: true });
    const streams = [...new Set(ALL.map(streamOf))].map((key) => {
      const [account, region] = JSON.parse(key) as [string, string];
      const mine = ALL.filter((e) => streamOf(e) === key);
      const times = mine.filter(dated).map((e) => new Date(e.eventTime as string).getTime());
      const files = [heartbeat, others, quiet, data].filter((list) => list.some((e) => streamOf(e) === key)).length;
      return {
        account, region, events: mine.filter(dated).length, undated: mine.filter((e) => !dated(e)).length,
        activeHours: new Set(mine.filter(dated).map(hourOf)).size,
        firstEventTime: iso(Math.min(...times)), lastEventTime: iso(Math.max(...times)), files, sources: ["path"],
      };
    }).sort((a, b) => b.events + b.undated - (a.events + a.undated));
    expect(ledger.streams.map(({ href: _href, ...s }) => s)).toEqual(streams);
    expect(streams.map((s) => [s.account, s.region, s.activeHours])).toEqual([[A1, "us-east-1", 38], [A1, "eu-west-1", 24], ["", "us-east-1", 1]]);
    expect(ledger.pendingEvents).toBe(0);
    expect(ledger.totals).toEqual({
      events: ALL.length, undated: 1,
      files: [{ kind: "digest", count: 1 }, { kind: "events", count: 4 }],
      runs: [{ sourceKind: "path", state: "succeeded", count: 4 }],
    });
    for (const s of ledger.streams) expect(await countOf(s.href)).toBe(s.events + s.undated);
    // Without streamFiles, no pass over the events: files and sources are not given.
    const cheap = await getDeliveryLedger(scope);
    expect(cheap.streams.map((s) => [s.files, s.sources])).toEqual(streams.map(() => [null, null]));
    expect(cheap.hours).toBeNull();
  });

  it("pages account × region × hour rows with their files, times and sources, and filters them", async () => {
    const first = await getDeliveryLedger(scope, { hours: { limit: 3 } });
    expect(first.hours?.rows.map((r) => [r.hour, r.account, r.region, r.events, r.files, r.firstEventTime, r.lastEventTime, r.sources])).toEqual([
      [iso(H0), A1, "eu-west-1", 1, 1, at(0, 30), at(0, 30), ["path"]],
      [iso(H0), A1, "us-east-1", 1, 1, at(0), at(0), ["path"]],
      [iso(H0 + HOUR), A1, "eu-west-1", 1, 1, at(1, 30), at(1, 30), ["path"]],
    ]);
    expect(first.hours?.next).toEqual({ hour: iso(H0 + HOUR), account: A1, region: "eu-west-1" });
    const second = await getDeliveryLedger(scope, { hours: { limit: 3, after: first.hours!.next! } });
    expect(second.hours?.rows.map((r) => [r.hour, r.account, r.region])).toEqual([
      [iso(H0 + HOUR), A1, "us-east-1"],
      [iso(H0 + 2 * HOUR), "", "us-east-1"],
      [iso(H0 + 2 * HOUR), A1, "us-east-1"],
    ]);
    const s3 = second.hours!.rows[1]!;
    expect([s3.events, s3.files, s3.firstEventTime, s3.lastEventTime]).toEqual([3, 1, at(2, 0), at(2, 20)]);
    // Hour 5 of S1: the heartbeat file and the other file.
    const h5 = await getDeliveryLedger(scope, { hours: { account: A1, region: "us-east-1", from: iso(H0 + 5 * HOUR), to: iso(H0 + 6 * HOUR) } });
    expect(h5.hours?.rows.map((r) => [r.hour, r.events, r.files, r.firstEventTime, r.lastEventTime, r.ingestRunIds.length])).toEqual([[iso(H0 + 5 * HOUR), 3, 2, at(5), at(5, 20), 2]]);
    expect(h5.hours?.next).toBeNull();
    for (const r of [...first.hours!.rows, ...second.hours!.rows, ...h5.hours!.rows]) expect(await countOf(r.href)).toBe(r.events);
    const none = await getDeliveryLedger(scope, { hours: { region: "nowhere-1" } });
    expect(none.hours).toEqual({ rows: [], next: null });
    await expect(getDeliveryLedger(scope, { hours: { limit: 0 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(getDeliveryLedger(scope, { hours: { from: "yesterday" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("gaps", () => {
  it("flags the heartbeat's silence and its early end, never the quiet stream's regular silences", async () => {
    const gaps = await getGaps(scope);
    // S1: A = 38, S = 41; 3 silent hours: 3 × −ln(1 − 38/41) = 7.8 > ln 38 = 3.6. Its end, 5 hours before hour 45: likewise.
    // S2: A = 24, S = 46; 2 silent hours: 2 × −ln(1 − 24/46) = 1.5 < ln 24 = 3.2. S3: 1 active hour (< GAP_MIN_ACTIVE_HOURS).
    expect(GAP_MIN_ACTIVE_HOURS).toBe(24);
    expect(gaps.silences.total).toBe(2);
    expect(gaps.silences.items.map(({ href: _h, othersHref: _o, ...g }) => g)).toEqual([
      { account: A1, region: "us-east-1", kind: "inside", start: iso(H0 + 30 * HOUR), end: iso(H0 + 33 * HOUR), hours: 3, streamActiveHours: 38, streamSpanHours: 41, otherEvents: 1 },
      { account: A1, region: "us-east-1", kind: "ended", start: iso(H0 + 41 * HOUR), end: iso(H0 + 46 * HOUR), hours: 5, streamActiveHours: 38, streamSpanHours: 41, otherEvents: 3 },
    ]);
    // The stream's edge hours (29 and 33; 40), and the rest of the case during the silence (S2 at 32; at 41, 44, 45).
    expect(await Promise.all(gaps.silences.items.map(async (g) => [await countOf(g.href), await countOf(g.othersHref)]))).toEqual([[2, 1], [1, 3]]);
  });

  it("opens a logging window on each successful StopLogging or DeleteTrail, closes it at the next StartLogging, and lists every trail call", async () => {
    const gaps = await getGaps(scope);
    expect(gaps.loggingWindows.map((w) => [w.trail, w.trailKey, w.start, w.end, w.openedBy.eventId, w.closedBy?.eventId ?? null, w.deleted])).toEqual([
      ["main", `${A1}/main`, at(5, 10), at(7, 30), "tr-stop", "tr-start", false],
      [`arn:aws:cloudtrail:us-east-1:${A1}:trail/old`, `${A1}/old`, at(8, 0), null, "tr-delete", null, true],
    ]);
    const counted = await Promise.all(gaps.loggingWindows.map((w) => countOf(w.href)));
    const inWindow = (from: string, to: string | null) => ALL.filter((e) => dated(e) && (e.eventTime as string) >= from && (to === null || (e.eventTime as string) < to)).length;
    expect(counted).toEqual([inWindow(at(5, 10), at(7, 30)), inWindow(at(8, 0), null)]);
    expect(gaps.trailChanges.total).toBe(7);
    expect(gaps.trailChanges.items.map((c) => [c.eventId, c.eventName, c.trail, c.succeeded, c.errorCode, c.actor, c.changes])).toEqual([
      ["tr-stop", "StopLogging", "main", true, null, ATTACKER, ["stop logging"]],
      ["tr-stop-denied", "StopLogging", "main", false, "AccessDenied", ATTACKER, ["stop logging"]],
      ["tr-start", "StartLogging", "main", true, null, ATTACKER, ["start logging"]],
      ["tr-delete", "DeleteTrail", `arn:aws:cloudtrail:us-east-1:${A1}:trail/old`, true, null, ATTACKER, ["delete the trail"]],
      ["tr-update", "UpdateTrail", "main", true, null, ATTACKER, ["isMultiRegionTrail: false"]],
      ["tr-selectors", "PutEventSelectors", "main", true, null, ATTACKER, ['eventSelectors[0]: readWriteType "WriteOnly", management events on, no data events']],
      ["tr-cut", "UpdateTrail", null, true, null, ATTACKER, ["request parameters not recorded"]],
    ]);
    for (const c of gaps.trailChanges.items) expect(await countOf(c.href)).toBe(1);
  });

  it("takes calls of the same second in the cautious order: a start and a stop together leave logging off", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const same = at(1, 0);
    // By eventID the stop would come first and the start would close its window.
    await seedEvents(c.id, [
      trail("a-stop", 1, 0, "StopLogging"),
      trail("b-start", 1, 0, "StartLogging"),
      trail("c-create", 1, 0, "CreateTrail"),
    ]);
    await getPool().query(`UPDATE events SET search_text = '{"requestParameters":{"name":"t"}}' WHERE case_id = $1`, [c.id]);
    const gaps = await getGaps(await resolveCaseScope(lead.id, c.id, "events:read"));
    expect(gaps.trailChanges.items.map((t) => [t.eventId, t.eventTime])).toEqual([["c-create", same], ["b-start", same], ["a-stop", same]]);
    expect(gaps.loggingWindows.map((w) => [w.openedBy.eventId, w.start, w.end])).toEqual([["a-stop", same, null]]);
  });
});

describe("coverage statement", () => {
  it("counts accounts, regions, global services and categories, each linked to exactly its events", async () => {
    const c = await getCoverageStatement(scope);
    const count = (pick: (e: SeedEvent) => boolean) => ALL.filter(pick).length;
    expect(c.events.total).toBe(ALL.length);
    expect(c.events.undated.count).toBe(1);
    expect(c.accounts.map((a) => [a.value, a.count])).toEqual([[A1, count((e) => e.recipientAccountId === A1)], ["", data.length]]);
    expect(c.regions.map((a) => [a.value, a.count])).toEqual([["us-east-1", count((e) => e.awsRegion === "us-east-1")], ["eu-west-1", quiet.length]]);
    expect(c.foreignCallerAccounts.map((a) => [a.value, a.count])).toEqual([[FOREIGN, 1]]);
    expect(c.globalServices.present).toBe(true);
    expect(c.globalServices.services.map((s) => [s.eventSource, s.usEast1.count, s.otherRegions.count])).toEqual([
      ["iam.amazonaws.com", 1, 0],
      ["sts.amazonaws.com", 2, quiet.length],
      ["signin.amazonaws.com", 0, 0],
    ]);
    const mgmt = (e: SeedEvent) => e.eventCategory === "Management";
    const m = c.categories.management;
    expect([m.count, m.readOnly.count, m.writeOnly.count, m.readOnlyNotRecorded.count]).toEqual([
      count(mgmt), count((e) => mgmt(e) && e.readOnly === true), count((e) => mgmt(e) && e.readOnly === false), count((e) => mgmt(e) && e.readOnly === undefined),
    ]);
    const d = c.categories.data;
    expect([d.count, d.s3Object.count, d.lambdaInvoke.count, d.other.count, c.categories.insight.count, c.categories.none.count, c.categories.other]).toEqual([3, 1, 1, 1, 1, 0, []]);
    const links = [
      ...c.accounts, ...c.regions, ...c.foreignCallerAccounts, c.events.undated, ...c.globalServices.services.flatMap((s) => [s.usEast1, s.otherRegions]),
      m, m.readOnly, m.writeOnly, m.readOnlyNotRecorded, d, d.s3Object, d.lambdaInvoke, d.other, c.categories.insight, c.categories.none,
    ];
    for (const l of links) expect(await countOf(l.href)).toBe(l.count);
  });

  it("names every part of the incident window without events", async () => {
    const { time, statements } = await getCoverageStatement(scope);
    expect(time.first).toBe(at(0));
    expect(time.last).toBe(at(45, 30));
    expect(time.window).toEqual({ start: iso(H0 - 2 * HOUR), end: iso(H0 + 48 * HOUR) });
    // Case-wide silences: hours 30–31 (S1 silent, S2 off) and 42–43 (S1 ended, S2 off).
    expect(time.uncovered).toEqual([
      { start: iso(H0 - 2 * HOUR), end: at(0), hours: 2 + 5 / 60, kind: "before-first" },
      { start: iso(H0 + 30 * HOUR), end: iso(H0 + 32 * HOUR), hours: 2, kind: "silent" },
      { start: iso(H0 + 42 * HOUR), end: iso(H0 + 44 * HOUR), hours: 2, kind: "silent" },
      { start: at(45, 30), end: iso(H0 + 48 * HOUR), hours: 2.5, kind: "after-last" },
    ]);
    expect([time.uncoveredTotal, time.uncoveredHours]).toEqual([4, 2 + 5 / 60 + 2 + 2 + 2.5]);
    expect(statements).toContain(
      `Without events: nothing from ${iso(H0 - 2 * HOUR)} until the first event at ${at(0)} (2.08 hours); 2 stretches of whole UTC hours without any event, ` +
        `the first from ${iso(H0 + 30 * HOUR)} to ${iso(H0 + 32 * HOUR)}; nothing after the last event at ${at(45, 30)} until ${iso(H0 + 48 * HOUR)} (2.50 hours); 8.58 hours in all.`,
    );
    expect(statements).toContain("Data events: 3 (S3 object-level 1, Lambda invocations 1, other 1).");
  });

  it("says so when the window opens after the last event, and compares the evidence with itself without a window", async () => {
    const pool = getPool();
    await pool.query(`UPDATE cases SET window_start = $2, window_end = NULL WHERE id = $1`, [caseId, new Date(H0 + 50 * HOUR)]);
    const after = await getCoverageStatement(scope);
    expect(after.time.uncovered).toEqual([{ start: iso(H0 + 50 * HOUR), end: iso(H0 + 50 * HOUR), hours: 0, kind: "silent" }]);
    expect(after.statements.at(-1)).toBe(`No event falls between ${iso(H0 + 50 * HOUR)} and ${iso(H0 + 50 * HOUR)}: the evidence does not cover the window.`);
    await pool.query(`UPDATE cases SET window_start = NULL WHERE id = $1`, [caseId]);
    const none = await getCoverageStatement(scope);
    expect([none.time.window, none.time.scope]).toEqual([null, { start: at(0), end: at(45, 30) }]);
    expect(none.time.uncovered.map((u) => u.kind)).toEqual(["silent", "silent"]);
    await pool.query(`UPDATE cases SET window_start = $2, window_end = $3 WHERE id = $1`, [caseId, new Date(H0 - 2 * HOUR), new Date(H0 + 48 * HOUR)]);
  });
});

describe("no-compromise checklist", () => {
  it("rates each item from the evidence", async () => {
    const keys = await findUnresolvedTemporaryKeys(scope);
    expect([keys.keysSeen, keys.issuedInEvidence, keys.signInOrRoot, keys.unresolvedTotal]).toEqual([4, 1, 1, 2]);
    expect(keys.unresolved.map((k) => [k.key, k.events, k.identityType, k.arn])).toEqual([["ASIAORPHAN", 3, "AssumedRole", ROLE], ["ASIAFAILED", 1, "AssumedRole", ROLE]]);
    expect(keys.unresolvedByIdentityType).toEqual([{ identityType: "AssumedRole", keys: 2 }]);
    for (const k of keys.unresolved) expect(await countOf(k.href)).toBe(k.events);

    const list = await getNoCompromiseChecklist(scope, null);
    const status = Object.fromEntries(list.items.map((i) => [i.id, i.status]));
    expect(status).toEqual({
      "logging-tamper": "fail",
      "digests-validated": "unknown",
      "regions-covered": "unknown",
      "organization-coverage": "pass",
      "data-events": "pass",
      "access-denied-reviewed": "unknown",
      "temporary-key-lineage": "fail",
    });
    const item = (id: string) => list.items.find((i) => i.id === id)!;
    expect(item("logging-tamper").evidence).toBe(
      "Found 6 calls that stop or reduce logging: StopLogging ×2 (1 succeeded, 1 failed), DeleteTrail ×1 (1 succeeded, 0 failed), UpdateTrail ×2 (2 succeeded, 0 failed), " +
        `PutEventSelectors ×1 (1 succeeded, 0 failed). 2 logging windows: trail "main" not logging from ${at(5, 10)} to ${at(7, 30)}; ` +
        `trail "arn:aws:cloudtrail:us-east-1:${A1}:trail/old" not logging from ${at(8, 0)} to the end of the evidence (deleted).`,
    );
    expect(await countOf(item("logging-tamper").links[0]!.href)).toBe(6);
    expect(item("digests-validated").evidence).toBe("1 digest file in the evidence not validated yet.");
    expect(item("regions-covered").evidence).toBe(
      `2 regions with events: "us-east-1" (${ALL.length - quiet.length}), "eu-west-1" (${quiet.length}). Which regions are enabled in the account is not recorded by CloudTrail. ` +
        'Digest files name 1 region: "us-east-1".',
    );
    expect(item("organization-coverage").evidence).toBe(
      `Evidence laid out as an organization trail ("o-abcdefghij") with 1 member account: "${A1}". Principals of 1 other account made calls recorded here: "${FOREIGN}" (1).`,
    );
    expect(item("access-denied-reviewed").evidence).toBe(
      `2 denied calls by 1 principal, most by "${ATTACKER}" (2). Detections have not run over every event of the case yet: run them, then triage the failed attempts they find.`,
    );
    expect(item("temporary-key-lineage").evidence).toMatch(/^2 of 4 temporary keys have no issuing call in the evidence \(by identity type: "AssumedRole" 2; .*\): "ASIAORPHAN" \(3\), "ASIAFAILED" \(1\)\.$/);
    expect(item("temporary-key-lineage").links.map((l) => l.label)).toEqual(["ASIAORPHAN", "ASIAFAILED"]);
  });

  it("follows the digest validation's outcome, and the triage of failed attempts", async () => {
    const digest = async (summary: Parameters<typeof getNoCompromiseChecklist>[1]) =>
      (await getNoCompromiseChecklist(scope, summary)).items.find((i) => i.id === "digests-validated")!;
    expect([(await digest({ validated: 3, problems: 0 })).status, (await digest({ validated: 3, problems: 0 })).evidence]).toEqual(["pass", "3 digests validated without a problem."]);
    expect((await digest({ validated: 3, problems: 2 })).status).toBe("fail");
    expect((await digest({ digests: 3, problems: 0, result: "unknown" })).status).toBe("unknown");
    expect((await digest({ validated: 0, problems: 0 })).status).toBe("unknown");

    const pool = getPool();
    const denied = async () => (await getNoCompromiseChecklist(scope)).items.find((i) => i.id === "access-denied-reviewed")!;
    const finding = (rule: string, status: string) =>
      pool.query(
        `INSERT INTO findings (case_id, rule_id, source, title, severity, principal, failed_attempt, reason, event_ids, event_count, status)
         VALUES ($1, $2, 'builtin', 't', 'high', $3, true, 'r', '{tr-stop-denied}', 1, $4)`,
        [caseId, rule, ATTACKER, status],
      );
    await pool.query(`UPDATE cases SET detections_event_count = event_count, detections_run_at = now() WHERE id = $1`, [caseId]);
    expect((await denied()).status).toBe("unknown"); // ran, but no finding covers the denied calls
    await finding("cloudtrail-logging-stopped", "new");
    expect((await denied()).evidence).toMatch(/1 failed-attempt finding not triaged yet/);
    await pool.query(`UPDATE findings SET status = 'false-positive' WHERE case_id = $1`, [caseId]);
    expect([(await denied()).status, (await denied()).evidence]).toEqual(["pass", `2 denied calls by 1 principal, most by "${ATTACKER}" (2). Every failed-attempt finding (1) is triaged, none confirmed.`]);
    await finding("iam-user-created", "confirmed");
    expect((await denied()).status).toBe("fail");
    await pool.query(`DELETE FROM findings WHERE case_id = $1`, [caseId]);
    await pool.query(`UPDATE cases SET detections_event_count = NULL, detections_run_at = NULL WHERE id = $1`, [caseId]);
  });
});

describe("authorization and scoping", () => {
  it("answers NOT_FOUND for another user's case and for a viewer, and never mixes cases", async () => {
    await expect(resolveCaseScope(bobScope.userId!, caseId, "events:read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const call of [
      () => getDeliveryLedger(viewerScope),
      () => getGaps(viewerScope),
      () => getCoverageStatement(viewerScope),
      () => getNoCompromiseChecklist(viewerScope, null),
      () => findUnresolvedTemporaryKeys(viewerScope),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const bobLedger = await getDeliveryLedger(bobScope, { streamFiles: true, hours: {} });
    expect(bobLedger.streams.map((s) => [s.account, s.region, s.events, s.files])).toEqual([["555566667777", "us-east-1", 1, 1]]);
    expect(bobLedger.hours?.rows).toHaveLength(1);
    const bobGaps = await getGaps(bobScope);
    expect(bobGaps.trailChanges.items.map((c) => c.eventId)).toEqual(["bob-1"]);
    expect(bobGaps.loggingWindows).toEqual([]); // no trail name: nothing to open
    expect((await getCoverageStatement(bobScope)).accounts.map((a) => a.value)).toEqual(["555566667777"]);
  });

  it("says how many events the rollups do not count yet", async () => {
    await seedEvents(caseId, [{ eventId: "late-1", eventTime: at(20), recipientAccountId: A1, awsRegion: "us-east-1", eventCategory: "Management" }]);
    expect((await getDeliveryLedger(scope)).pendingEvents).toBe(1);
    expect((await getGaps(scope)).pendingEvents).toBe(1);
    expect((await getNoCompromiseChecklist(scope)).pendingEvents).toBe(1);
  });
});
