// Ledger, gaps, coverage and checklist on real third-party CloudTrail (../shared/corpus, see its
// MANIFEST.md): invictus-ir, the SANS 504 lab and grycap go through the real ingest and the rollups job
// into their own cases; the expectations are computed here from the raw files (node:fs, node:zlib,
// JSON.parse; none of lib/cloudtrail, lib/ingest or lib/integrity), with a few facts pinned as literals
// read from the files by hand.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { parseChartFilter } from "@/lib/charts/chart-params";
import { countEvents } from "@/lib/events/count-events";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getDeliveryLedger } from "@/lib/integrity/get-delivery-ledger";
import { getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { runRollupsJob } from "@/lib/rollups/run-rollups-job";
import { seedCase, seedUser } from "@/lib/testing/factories";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus");
const hasCorpus = existsSync(path.join(CORPUS, "MANIFEST.md"));
if (!hasCorpus) console.log("corpus absent: skipping integrity-corpus.int.test.ts");

const SOURCES = ["invictus-ir-aws_dataset", "sans504-s3-ransomware-lab", "grycap-cloudtrail-tracker"] as const;
type Source = (typeof SOURCES)[number];
const HOUR = 3_600_000;
/** Calls on a trail; within one second (eventTime's resolution) taken in this order: create, configure, start, stop, delete. */
const TRAIL_CALLS = ["CreateTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors", "StartLogging", "StopLogging", "DeleteTrail"];

type Raw = {
  eventID: string;
  eventTime?: string;
  eventVersion?: string;
  eventType?: string;
  eventCategory?: string;
  managementEvent?: boolean;
  eventSource?: string;
  eventName?: string;
  awsRegion?: string;
  recipientAccountId?: string;
  errorCode?: string;
  readOnly?: boolean;
  requestParameters?: { name?: string; trailName?: string } | null;
};

/** Every record of a source by eventID (duplicate deliveries collapse), from .json and .json.gz files. */
function readSource(dir: string): Raw[] {
  const byId = new Map<string, Raw>();
  const visit = (abs: string) => {
    if (statSync(abs).isDirectory()) return readdirSync(abs).forEach((n) => visit(path.join(abs, n)));
    if (!/\.json(\.gz)?$/.test(abs)) return;
    let bytes = readFileSync(abs);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    for (const r of (JSON.parse(bytes.toString("utf8")) as { Records: Raw[] }).Records) byId.set(r.eventID, r);
  };
  visit(path.join(CORPUS, dir));
  return [...byId.values()];
}

// ------------------------------------------------------------------------------------------------
// Independent readings
// ------------------------------------------------------------------------------------------------

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ms = (r: Raw) => Date.parse(r.eventTime!);
const hourOf = (r: Raw) => Math.floor(ms(r) / HOUR) * HOUR;
const iso = (t: number) => new Date(t).toISOString();
const streamOf = (r: Raw) => `${r.recipientAccountId ?? ""}|${r.awsRegion ?? ""}`;
/** eventCategory as recorded; older records: Insight for Insights events, Data when managementEvent is false, else Management. */
const category = (r: Raw) => r.eventCategory ?? (r.eventType === "AwsCloudTrailInsight" ? "Insight" : r.managementEvent === false ? "Data" : "Management");
const failed = (r: Raw) => r.errorCode !== undefined && r.errorCode !== "" && r.errorCode !== "Success";
const trailName = (r: Raw) => r.requestParameters?.name ?? r.requestParameters?.trailName ?? null;

type Gap = { account: string; region: string; kind: "inside" | "ended"; start: string; end: string; hours: number; otherEvents: number };

/**
 * The gap rule of the issue as chosen (GAP_RULE): per recipient account × region with at least 24 hours
 * holding events, a silence of L ≥ 2 whole hours is a gap when A × (1 − A/S)^L < 1; a stream ending before
 * the case's last hour with events is judged the same way.
 */
function expectedGaps(records: Raw[]): Gap[] {
  const dated = records.filter((r) => r.eventTime);
  const streams = new Map<string, Set<number>>();
  for (const r of dated) {
    const hours = streams.get(streamOf(r)) ?? new Set<number>();
    hours.add(hourOf(r));
    streams.set(streamOf(r), hours);
  }
  const caseLast = Math.max(...dated.map(hourOf));
  const gaps: Gap[] = [];
  for (const [key, set] of streams) {
    const hours = [...set].sort((a, b) => a - b);
    const a = hours.length;
    const s = (hours[a - 1]! - hours[0]!) / HOUR + 1;
    const unusual = (l: number) => l >= 2 && a >= 24 && (a === s || a * Math.pow(1 - a / s, l) < 1);
    const [account, region] = key.split("|") as [string, string];
    const others = (from: number, to: number) => dated.filter((r) => streamOf(r) !== key && hourOf(r) >= from && hourOf(r) < to).length;
    for (let i = 1; i < a; i++) {
      const l = (hours[i]! - hours[i - 1]!) / HOUR - 1;
      if (unusual(l)) gaps.push({ account, region, kind: "inside", start: iso(hours[i - 1]! + HOUR), end: iso(hours[i]!), hours: l, otherEvents: others(hours[i - 1]! + HOUR, hours[i]!) });
    }
    const l = (caseLast - hours[a - 1]!) / HOUR;
    if (l > 0 && unusual(l)) gaps.push({ account, region, kind: "ended", start: iso(hours[a - 1]! + HOUR), end: iso(caseLast + HOUR), hours: l, otherEvents: others(hours[a - 1]! + HOUR, caseLast + HOUR) });
  }
  return gaps.sort((x, y) => byteOrder(x.start, y.start) || byteOrder(x.account, y.account) || byteOrder(x.region, y.region));
}

/** Whole UTC hours between the first and the last event without any event, as runs. */
function caseSilences(records: Raw[]): { start: number; hours: number }[] {
  const hours = [...new Set(records.filter((r) => r.eventTime).map(hourOf))].sort((a, b) => a - b);
  const runs: { start: number; hours: number }[] = [];
  for (let i = 1; i < hours.length; i++) if (hours[i]! - hours[i - 1]! > HOUR) runs.push({ start: hours[i - 1]! + HOUR, hours: (hours[i]! - hours[i - 1]!) / HOUR - 1 });
  return runs;
}

const trailCalls = (records: Raw[]) =>
  records
    .filter((r) => r.eventSource === "cloudtrail.amazonaws.com" && TRAIL_CALLS.includes(r.eventName ?? ""))
    .sort((a, b) => ms(a) - ms(b) || TRAIL_CALLS.indexOf(a.eventName!) - TRAIL_CALLS.indexOf(b.eventName!) || byteOrder(a.eventID, b.eventID));

function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0]));
}

// ------------------------------------------------------------------------------------------------

const scopes = new Map<Source, CaseScope>();
const raw = new Map<Source, Raw[]>();

async function countOf(scope: CaseScope, href: string): Promise<number> {
  return (await countEvents(scope, parseChartFilter(new URL(href, "http://x").searchParams.get("q")))).total;
}

(hasCorpus ? describe : describe.skip)("integrity on the shared corpus", () => {
  beforeAll(async () => {
    const lead = await seedUser();
    for (const source of SOURCES) {
      const c = await seedCase(lead, { name: `integrity corpus ${source}` });
      const write = await resolveCaseScope(lead.id, c.id, "evidence:write");
      const { ingestRunId } = await enqueueIngest(write, { origin: "cli", sourceKind: "path", sourceLabel: source, sourcePath: path.join(CORPUS, source) });
      expect(await runIngest(ingestRunId)).toBe("done");
      await runRollupsJob({ caseId: c.id }); // as the worker does after the ingest
      scopes.set(source, await resolveCaseScope(lead.id, c.id, "events:read"));
      raw.set(source, readSource(source));
    }
  }, 300_000);

  it("invictus-ir: the failed StopLogging calls open nothing; the two successful DeleteTrail calls open windows that never close", async () => {
    const scope = scopes.get("invictus-ir-aws_dataset")!;
    const records = raw.get("invictus-ir-aws_dataset")!;
    const gaps = await getGaps(scope);
    const calls = trailCalls(records);
    expect(gaps.trailChanges.total).toBe(calls.length);
    expect(gaps.trailChanges.items.map((c) => [c.eventId, c.eventName, c.succeeded, c.errorCode, c.trail])).toEqual(
      calls.map((r) => [r.eventID, r.eventName, !failed(r), r.errorCode ?? null, trailName(r)]),
    );
    // Read from the files: three StopLogging, all TrailNotFoundException; DeleteTrail ×3, two succeeded at 12:08:04.
    const stops = gaps.trailChanges.items.filter((c) => c.eventName === "StopLogging");
    expect(stops.map((c) => [c.succeeded, c.errorCode, c.trail])).toEqual(Array(3).fill([false, "TrailNotFoundException", "stratus-red-team-ct-stop-trail-qzbgnfqisx"]));
    const deleted = calls.filter((r) => r.eventName === "DeleteTrail" && !failed(r));
    expect(gaps.loggingWindows.map((w) => [w.trail, w.start, w.end, w.deleted, w.openedBy.eventId, w.openedBy.eventName, w.closedBy])).toEqual(
      deleted.map((r) => [trailName(r), iso(ms(r)), null, true, r.eventID, "DeleteTrail", null]),
    );
    expect(gaps.loggingWindows.map((w) => w.trail).sort()).toEqual(["stratus-red-team-ctes-trail-qyxyekjbtk", "stratus-red-team-ctlr-trail-zqfsvooxqj"]);
    expect(gaps.loggingWindows.map((w) => w.start)).toEqual(["2023-07-10T12:08:04.000Z", "2023-07-10T12:08:04.000Z"]);
    // What was recorded after the deletions (by the account's other trail).
    for (const w of gaps.loggingWindows) expect(await countOf(scope, w.href)).toBe(records.filter((r) => ms(r) >= Date.parse(w.start)).length);
    // The events the trails changed: PutEventSelectors dropped management events, then restored them.
    expect(gaps.trailChanges.items.filter((c) => c.eventName === "PutEventSelectors").map((c) => c.changes)).toEqual([
      ['eventSelectors[0]: readWriteType "ReadOnly", management events off, data events "AWS::S3::Object" [], "AWS::Lambda::Function" []'],
      ['eventSelectors[0]: readWriteType "All", management events on, no data events'],
    ]);
    expect(gaps.silences).toEqual({ items: expectedGaps(records), total: 0 }); // 2 active hours: no pattern to depart from

    const checklist = await getNoCompromiseChecklist(scope, null, { gaps });
    const tamper = checklist.items.find((i) => i.id === "logging-tamper")!;
    const tally = (name: string) => {
      const all = calls.filter((r) => r.eventName === name);
      return `${name} ×${all.length} (${all.filter((r) => !failed(r)).length} succeeded, ${all.filter(failed).length} failed)`;
    };
    expect(tamper.status).toBe("fail");
    expect(tamper.evidence).toContain(`: ${tally("StopLogging")}, ${tally("DeleteTrail")}, ${tally("PutEventSelectors")}. 2 logging windows:`);
    expect(tally("StopLogging")).toBe("StopLogging ×3 (0 succeeded, 3 failed)");
    expect(await countOf(scope, tamper.links[0]!.href)).toBe(calls.filter((r) => r.eventName !== "StartLogging" && r.eventName !== "CreateTrail").length);
  });

  it("SANS 504: one account, its thirteen regions, global, management and S3 data events present, one silence of us-west-1", async () => {
    const scope = scopes.get("sans504-s3-ransomware-lab")!;
    const records = raw.get("sans504-s3-ransomware-lab")!;
    const coverage = await getCoverageStatement(scope);
    expect(coverage.accounts.map((a) => [a.value, a.count])).toEqual([["342082656213", 23_981]]);
    expect(coverage.regions.map((r) => [r.value, r.count])).toEqual(countBy(records, (r) => r.awsRegion ?? ""));
    expect(coverage.regions).toHaveLength(13);
    expect(coverage.regions[0]!.value).toBe("us-west-1");
    for (const source of ["iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com"]) {
      const s = coverage.globalServices.services.find((x) => x.eventSource === source)!;
      const mine = records.filter((r) => r.eventSource === source);
      expect([s.usEast1.count, s.otherRegions.count]).toEqual([mine.filter((r) => r.awsRegion === "us-east-1").length, mine.filter((r) => r.awsRegion !== "us-east-1").length]);
    }
    expect(coverage.globalServices.present).toBe(true);
    const mgmt = records.filter((r) => category(r) === "Management");
    const data = records.filter((r) => category(r) === "Data");
    const m = coverage.categories.management;
    expect([m.count, m.readOnly.count, m.writeOnly.count]).toEqual([mgmt.length, mgmt.filter((r) => r.readOnly === true).length, mgmt.filter((r) => r.readOnly === false).length]);
    const d = coverage.categories.data;
    expect([d.count, d.s3Object.count, d.lambdaInvoke.count, coverage.categories.insight.count]).toEqual([
      data.length, data.filter((r) => r.eventSource === "s3.amazonaws.com").length, data.filter((r) => r.eventSource === "lambda.amazonaws.com").length, 0,
    ]);
    expect(d.s3Object.count).toBeGreaterThan(16_000);
    for (const l of [m, m.readOnly, d, d.s3Object, coverage.regions[1]!]) expect(await countOf(scope, l.href)).toBe(l.count);
    expect(coverage.time.uncovered.map((u) => [u.start, u.hours])).toEqual(caseSilences(records).map((s) => [iso(s.start), s.hours]));

    const ledger = await getDeliveryLedger(scope, { streamFiles: true });
    const expectedStreams = countBy(records, streamOf).map(([key, events]) => {
      const mine = records.filter((r) => streamOf(r) === key);
      return [key, events, new Set(mine.map(hourOf)).size, iso(Math.min(...mine.map(ms))), iso(Math.max(...mine.map(ms))), ["path"]];
    });
    expect(ledger.streams.map((s) => [`${s.account}|${s.region}`, s.events, s.activeHours, s.firstEventTime, s.lastEventTime, s.sources])).toEqual(expectedStreams);

    const gaps = await getGaps(scope);
    const expected = expectedGaps(records);
    expect(gaps.silences.items.map(({ account, region, kind, start, end, hours, otherEvents }) => ({ account, region, kind, start, end, hours, otherEvents }))).toEqual(expected);
    // Read from the files: us-west-1's first hour (a CloudTrail bucket check at 15:28), then nothing until midnight.
    expect(expected.map((g) => [g.region, g.kind, g.start, g.end, g.hours])).toEqual([["us-west-1", "inside", "2021-07-28T16:00:00.000Z", "2021-07-29T00:00:00.000Z", 8]]);
    expect(gaps.loggingWindows).toEqual([]);
    expect(gaps.trailChanges.items.map((c) => [c.eventId, c.eventName, c.succeeded])).toEqual(trailCalls(records).map((r) => [r.eventID, r.eventName, !failed(r)]));

    const checklist = await getNoCompromiseChecklist(scope, null, { coverage, gaps });
    expect(Object.fromEntries(checklist.items.map((i) => [i.id, i.status]))).toMatchObject({ "logging-tamper": "fail", "data-events": "pass", "regions-covered": "unknown" });
    expect(checklist.items.find((i) => i.id === "data-events")!.evidence).toBe(
      `${d.count.toLocaleString("en-US")} data events: S3 object-level ${d.s3Object.count.toLocaleString("en-US")}, Lambda invocations 0, other 0. No Lambda invocations.`,
    );
  });

  it("grycap: the silences of a teaching account over four years, judged against each region's own rhythm", async () => {
    const scope = scopes.get("grycap-cloudtrail-tracker")!;
    const records = raw.get("grycap-cloudtrail-tracker")!;
    const gaps = await getGaps(scope);
    const expected = expectedGaps(records);
    expect(gaps.silences.total).toBe(expected.length);
    expect(gaps.silences.items.map(({ account, region, kind, start, end, hours, otherEvents }) => ({ account, region, kind, start, end, hours, otherEvents }))).toEqual(expected);
    // Read from the files: eventVersion 1.01 records (2014) carry no recipientAccountId; us-east-1 falls silent for
    // two and a half years; sa-east-1 (2018) only for silences longer than ~70 hours, its nights and weekends never.
    expect(expected.slice(0, 2).map((g) => [g.account, g.region, g.kind, g.start, g.end, g.hours])).toEqual([
      ["", "us-east-1", "inside", "2014-05-10T17:00:00.000Z", "2014-09-26T11:00:00.000Z", 3330],
      ["974349055189", "us-east-1", "inside", "2014-09-27T22:00:00.000Z", "2017-06-01T00:00:00.000Z", 23_450],
    ]);
    expect(expected.filter((g) => g.region === "sa-east-1").map((g) => g.hours)).toEqual([85, 108, 115, 73, 95, 93]);
    expect(expected.filter((g) => g.kind === "ended").map((g) => [g.account, g.region])).toEqual([["", "us-east-1"], ["974349055189", "us-east-1"]]);
    for (const g of gaps.silences.items) {
      const stream = records.filter((r) => streamOf(r) === `${g.account}|${g.region}`);
      const start = Date.parse(g.start);
      const edge = stream.filter((r) => hourOf(r) === start - HOUR || (g.kind === "inside" && hourOf(r) === Date.parse(g.end))).length;
      expect([await countOf(scope, g.href), await countOf(scope, g.othersHref)]).toEqual([edge, g.otherEvents]);
    }
    // gmolto created the trail and started it at 2014-09-26T11:26:19Z: the hour the account's records start naming it.
    expect(gaps.trailChanges.items.map((c) => [c.eventId, c.eventName, c.succeeded, c.eventTime])).toEqual(
      trailCalls(records).map((r) => [r.eventID, r.eventName, !failed(r), iso(ms(r))]),
    );
    expect(gaps.trailChanges.items.map((c) => [c.eventName, c.eventTime])).toEqual([
      ["CreateTrail", "2014-09-26T11:26:19.000Z"],
      ["StartLogging", "2014-09-26T11:26:19.000Z"],
    ]);
    expect(gaps.loggingWindows).toEqual([]);

    const coverage = await getCoverageStatement(scope);
    const silences = caseSilences(records);
    expect([coverage.time.uncoveredTotal, coverage.time.uncoveredHours]).toEqual([silences.length, silences.reduce((s, x) => s + x.hours, 0)]);
    expect(coverage.accounts.map((a) => [a.value, a.count])).toEqual(countBy(records, (r) => r.recipientAccountId ?? ""));
    const checklist = await getNoCompromiseChecklist(scope, null, { coverage, gaps });
    const tamper = checklist.items.find((i) => i.id === "logging-tamper")!;
    const writes = records.filter((r) => category(r) === "Management" && r.readOnly === false).length;
    expect([tamper.status, tamper.evidence]).toEqual([
      "pass",
      `No StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors or PutInsightSelectors call among ${writes} write management events.`,
    ]);
    expect(checklist.items.find((i) => i.id === "data-events")!.status).toBe("fail");
  });
});
