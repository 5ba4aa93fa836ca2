// The case rollups and the charts read from them: exact figures on hand-built events, and every figure's
// link lists exactly the events it counts (the same count through the events page's filter).
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { parseChartFilter } from "@/lib/charts/chart-params";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";
import { getPool } from "@/lib/db/client";
import { countEvents } from "@/lib/events/count-events";
import { getDeniedHeatmap } from "@/lib/heatmaps/get-denied-heatmap";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";
import { getTimeline } from "@/lib/timeline/get-timeline";

const ALICE = "arn:aws:iam::111122223333:user/alice";
const BOB = "arn:aws:sts::111122223333:assumed-role/Ops/bob";
const HOSTILE = 'arn:aws:iam::111122223333:user/"<img src=x onerror=alert(1)>"';

let scope: CaseScope;
let caseId: string;
let leadId: string;

function ev(i: number, e: Omit<SeedEvent, "eventId">): SeedEvent {
  return { eventId: `ev-${String(i).padStart(3, "0")}`, recipientAccountId: "111122223333", awsRegion: "us-east-1", eventCategory: "Management", ...e };
}

beforeAll(async () => {
  const lead = await seedUser();
  leadId = lead.id;
  const c = await seedCase(lead);
  caseId = c.id;
  const events: SeedEvent[] = [
    // alice, 10:00–10:59: 3 mutating, 2 read-only, 1 denied mutating call (denied wins)
    ev(1, { eventTime: "2023-07-10T10:01:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "203.0.113.5", readOnly: false, eventName: "CreateUser", eventSource: "iam.amazonaws.com" }),
    ev(2, { eventTime: "2023-07-10T10:02:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "203.0.113.5", readOnly: false, eventName: "CreateAccessKey", eventSource: "iam.amazonaws.com" }),
    ev(3, { eventTime: "2023-07-10T10:30:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "203.0.113.5", readOnly: false, eventName: "PutUserPolicy", eventSource: "iam.amazonaws.com" }),
    ev(4, { eventTime: "2023-07-10T10:31:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "198.51.100.7", readOnly: true, eventName: "ListUsers", eventSource: "iam.amazonaws.com" }),
    ev(5, { eventTime: "2023-07-10T10:32:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "198.51.100.7", readOnly: true, eventName: "GetUser", eventSource: "iam.amazonaws.com" }),
    ev(6, { eventTime: "2023-07-10T10:40:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "198.51.100.7", readOnly: false, errorCode: "AccessDenied", eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com" }),
    // bob, 12:xx, us-west-2: 4 denied reads (a recon burst), one success without readOnly
    ev(7, { eventTime: "2023-07-10T12:00:01Z", principalArn: BOB, accessKeyId: "ASIABOB", sourceIpAddress: "3.238.12.183", awsRegion: "us-west-2", readOnly: true, errorCode: "AccessDenied", eventName: "ListBuckets", eventSource: "s3.amazonaws.com" }),
    ev(8, { eventTime: "2023-07-10T12:00:02Z", principalArn: BOB, accessKeyId: "ASIABOB", sourceIpAddress: "3.238.12.183", awsRegion: "us-west-2", readOnly: true, errorCode: "Client.UnauthorizedOperation", eventName: "DescribeInstances", eventSource: "ec2.amazonaws.com" }),
    ev(9, { eventTime: "2023-07-10T12:00:03Z", principalArn: BOB, accessKeyId: "ASIABOB", sourceIpAddress: "3.238.12.183", awsRegion: "us-west-2", readOnly: true, errorCode: "AccessDenied", eventName: "ListBuckets", eventSource: "s3.amazonaws.com" }),
    ev(10, { eventTime: "2023-07-10T12:59:59Z", principalArn: BOB, accessKeyId: "ASIABOB", sourceIpAddress: "3.238.12.183", awsRegion: "us-west-2", readOnly: true, errorCode: "AccessDeniedException", eventName: "ListSecrets", eventSource: "secretsmanager.amazonaws.com" }),
    ev(11, { eventTime: "2023-07-10T12:30:00Z", principalArn: BOB, accessKeyId: "ASIABOB", sourceIpAddress: "3.238.12.183", awsRegion: "us-west-2", eventName: "ConsoleLogin", eventSource: "signin.amazonaws.com" }),
    // a hostile principal denied once the next day; an event with no principal, no IP; a data event; an undated event
    ev(12, { eventTime: "2023-07-11T09:15:00Z", principalArn: HOSTILE, sourceIpAddress: "ec2.amazonaws.com", readOnly: false, errorCode: "AccessDenied", eventName: "RunInstances", eventSource: "ec2.amazonaws.com" }),
    ev(13, { eventTime: "2023-07-11T09:20:00Z", readOnly: false, errorCode: "AccessDenied", eventName: "CreateBucket", eventSource: "s3.amazonaws.com" }),
    ev(14, { eventTime: "2023-07-11T09:30:00Z", principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "203.0.113.5", readOnly: true, eventCategory: "Data", eventName: "GetObject", eventSource: "s3.amazonaws.com", recipientAccountId: "444455556666" }),
    ev(15, { eventTime: null, principalArn: ALICE, accessKeyId: "AKIAALICE", sourceIpAddress: "203.0.113.5", readOnly: false, eventName: "DeleteTrail", eventSource: "cloudtrail.amazonaws.com" }),
  ];
  await seedEvents(caseId, events);
  await getPool().query(`UPDATE events SET source_country = CASE source_ip_address WHEN '203.0.113.5' THEN 'DE' WHEN '198.51.100.7' THEN 'RU' WHEN '3.238.12.183' THEN 'US' END WHERE case_id = $1`, [caseId]);
  await getPool().query(
    `UPDATE cases SET window_start = '2023-07-10T11:00:00Z', trusted_networks = '{203.0.113.0/24}', expected_countries = '{DE}' WHERE id = $1`,
    [caseId],
  );
  const counts = await unsafeRebuildCaseRollups(caseId);
  expect(counts.events).toBe(15);
  scope = await resolveCaseScope(lead.id, caseId, "events:read");
});

/** The events page count for a figure's link. */
async function countOf(href: string): Promise<number> {
  const q = new URL(href, "http://x").searchParams.get("q");
  return (await countEvents(scope, parseChartFilter(q))).total;
}

describe("dashboard", () => {
  it("splits calls into exclusive series, by account, region and category, with the range and undated count", async () => {
    const d = await getCaseDashboard(scope);
    expect(d.events).toMatchObject({ total: 15, pendingEvents: 0, undated: { count: 1 } });
    expect(Object.fromEntries(Object.entries(d.series).map(([k, v]) => [k, v.count]))).toEqual({ mutating: 4, readOnly: 3, denied: 7, unrecorded: 1 });
    expect(d.accounts.map((a) => `${a.value}=${a.count}`)).toEqual(["111122223333=14", "444455556666=1"]);
    expect(d.regions.map((a) => `${a.value}=${a.count}`)).toEqual(["us-east-1=10", "us-west-2=5"]);
    expect(d.categories.map((a) => `${a.value}=${a.count}`)).toEqual(["Management=14", "Data=1"]);
    expect(d.range).toEqual({ first: "2023-07-10T10:01:00.000Z", last: "2023-07-11T09:30:00.000Z" });
    expect(d.ingest).toMatchObject({ runs: 1, succeeded: 1, files: 1 });
  });

  it("every linked figure counts exactly the events its link lists", async () => {
    const d = await getCaseDashboard(scope);
    const figures = [
      d.events.undated,
      ...Object.values(d.series),
      ...d.accounts,
      ...d.regions,
      ...d.categories,
      ...Object.values(d.tops).flatMap((t) => [...t.byMutating, ...t.byDenied]),
      ...(d.untrusted.outsideNetworks ? [d.untrusted.outsideNetworks] : []),
      ...(d.untrusted.outsideCountries ? [d.untrusted.outsideCountries] : []),
    ];
    // 4 series + undated + 2 accounts + 2 regions + 2 categories + 11 top items + 2 untrusted figures.
    expect(figures.length).toBe(24);
    for (const f of figures) expect({ href: f.href, count: await countOf(f.href) }).toEqual({ href: f.href, count: f.count });
  });

  it("ranks top principals, keys, IPs and user agents by mutating and by denied calls", async () => {
    const d = await getCaseDashboard(scope);
    const list = (items: { value: string; count: number }[]) => items.map((i) => `${i.value}=${i.count}`);
    expect(list(d.tops.principal.byMutating)).toEqual([`${ALICE}=4`]);
    expect(list(d.tops.principal.byDenied)).toEqual([`${BOB}=4`, `${HOSTILE}=1`, `${ALICE}=1`].sort((a, b) => Number(b.split("=").pop()) - Number(a.split("=").pop()) || (a < b ? -1 : 1)));
    expect(d.tops.principal.distinct).toBe(3);
    expect(list(d.tops.key.byDenied)).toEqual(["ASIABOB=4", "AKIAALICE=1"]);
    expect(d.tops.key.byDenied[0]!.identityHref).toBe(`/cases/${caseId}/identities/key?value=ASIABOB`);
    expect(list(d.tops.ip.byMutating)).toEqual(["203.0.113.5=4"]);
    expect(d.tops.ip.byMutating[0]!.country).toBe("DE");
    expect(d.tops.userAgent.distinct).toBe(0);
  });

  it("lists what was first seen inside the incident window, and calls from outside the trusted places", async () => {
    const d = await getCaseDashboard(scope);
    expect(d.newInWindow?.items.map((i) => `${i.dimension}:${i.value}`)).toEqual([`ip:3.238.12.183`, `key:ASIABOB`, `principal:${BOB}`, `ip:ec2.amazonaws.com`, `principal:${HOSTILE}`]);
    expect(d.newInWindow?.more).toBe(0);
    // Outside 203.0.113.0/24: 198.51.100.7 (3), 3.238.12.183 (5), ec2.amazonaws.com (1), no IP (1).
    expect(d.untrusted.outsideNetworks?.count).toBe(10);
    // Outside DE: RU (3) + US (5) + no country (1) + no IP (1).
    expect(d.untrusted.outsideCountries?.count).toBe(10);
    expect(d.untrusted.ips.map((i) => `${i.value}=${i.count}`)).toEqual(["3.238.12.183=5", "198.51.100.7=3", "ec2.amazonaws.com=1"]);
  });

  it("shows zeros, not nothing, for a case without events", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const d = await getCaseDashboard(await resolveCaseScope(lead.id, c.id, "events:read"));
    expect([d.events.total, d.events.undated.count, d.series.mutating.count, d.series.denied.count, d.accounts.length, d.range.first]).toEqual([0, 0, 0, 0, 0, null]);
  });

  it("says how many events the rollups do not cover yet, until they are rebuilt", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    await seedEvents(c.id, [ev(1, { eventTime: "2023-07-10T10:00:00Z", readOnly: true })]);
    const own = await resolveCaseScope(lead.id, c.id, "events:read");
    expect((await getCaseDashboard(own)).events.pendingEvents).toBe(1);
    await unsafeRebuildCaseRollups(c.id);
    const after = await getCaseDashboard(own);
    expect([after.events.pendingEvents, after.series.readOnly.count]).toEqual([0, 1]);
  });

  it("refuses a viewer and a non-member as a missing case", async () => {
    const viewer = await seedUser();
    await addMember(caseId, viewer, "viewer");
    await expect(resolveCaseScope(viewer.id, caseId, "events:read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = await seedUser();
    await expect(resolveCaseScope(stranger.id, caseId, "case:read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const viewerScope = await resolveCaseScope(viewer.id, caseId, "case:read");
    await expect(getCaseDashboard(viewerScope)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getTimeline(viewerScope, undefined)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getDeniedHeatmap(viewerScope, { axis: "hour", sort: "total" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(leadId).toBeTruthy();
  });
});

describe("timeline", () => {
  it("draws a short case in 15-minute bars from its events, every bar present, stacked by series", async () => {
    const t = await getTimeline(scope, undefined);
    expect([t.source, t.interval, t.from, t.to, t.bins.length, t.total]).toEqual(["events", "15m", "2023-07-10T10:00:00.000Z", "2023-07-11T10:00:00.000Z", 96, 14]);
    expect(t.bins[0]).toEqual({ start: "2023-07-10T10:00:00.000Z", mutating: 2, readOnly: 0, denied: 0, unrecorded: 0 });
    expect(t.bins[2]).toEqual({ start: "2023-07-10T10:30:00.000Z", mutating: 1, readOnly: 2, denied: 1, unrecorded: 0 });
  });

  it("draws a range of days from the hourly rollup, with the same bars as counting the events", async () => {
    const range = "after:2023-07-09T00:00:00Z before:2023-07-19T00:00:00Z";
    const t = await getTimeline(scope, parseChartFilter(range));
    expect([t.source, t.interval, t.from, t.to, t.bins.length, t.total]).toEqual(["rollup", "1h", "2023-07-09T00:00:00.000Z", "2023-07-19T00:00:00.000Z", 240, 14]);
    expect(t.bins[34]).toEqual({ start: "2023-07-10T10:00:00.000Z", mutating: 3, readOnly: 2, denied: 1, unrecorded: 0 });
    expect(t.bins[36]).toEqual({ start: "2023-07-10T12:00:00.000Z", mutating: 0, readOnly: 0, denied: 4, unrecorded: 1 });
    expect(t.bins[57]).toEqual({ start: "2023-07-11T09:00:00.000Z", mutating: 0, readOnly: 1, denied: 2, unrecorded: 0 });
    const counted = await getTimeline(scope, parseChartFilter(`has:eventID ${range}`));
    expect(counted.source).toBe("events");
    expect(counted.bins).toEqual(t.bins);
  });

  it("zooms to minutes inside a range and snaps the range to whole bars", async () => {
    const t = await getTimeline(scope, parseChartFilter("after:2023-07-10T12:00:00Z before:2023-07-10T12:02:30Z"));
    expect([t.source, t.interval, t.from, t.to, t.total]).toEqual(["events", "1m", "2023-07-10T12:00:00.000Z", "2023-07-10T12:03:00.000Z", 3]);
    expect(t.bins.map((b) => b.denied)).toEqual([3, 0, 0]);
  });

  it("puts a bookmark at its first pinned event", async () => {
    await getPool().query(
      `INSERT INTO bookmarks (case_id, title, view, pinned_event_ids) VALUES ($1, 'recon', $2, '{ev-009,ev-008}'), ($1, 'no time', $3, '{}')`,
      [caseId, `/cases/${caseId}/events?q=key%3AASIABOB`, `/cases/${caseId}/events`],
    );
    const t = await getTimeline(scope, undefined);
    expect(t.markers.map((m) => `${m.title}@${m.time}`)).toEqual(["recon@2023-07-10T12:00:02.000Z"]);
  });
});

describe("denied heatmap", () => {
  it("puts principals against hours with exact cells, each linking to exactly its events", async () => {
    const h = await getDeniedHeatmap(scope, { axis: "hour", sort: "total" });
    expect(h.rows.map((r) => `${r.principal}=${r.total}/${r.burst}`)).toEqual([`${BOB}=4/4`, "=1/1", `${HOSTILE}=1/1`, `${ALICE}=1/1`].sort(
      (a, b) => Number(b.split("=").pop()!.split("/")[0]) - Number(a.split("=").pop()!.split("/")[0]) || (a < b ? -1 : 1),
    ));
    expect([h.intervalMs, h.columns.length, h.from, h.to, h.totalDenied, h.max]).toEqual([3_600_000, 24, "2023-07-10T10:00:00.000Z", "2023-07-11T10:00:00.000Z", 7, 4]);
    const bob = h.rows.findIndex((r) => r.principal === BOB);
    expect(h.counts[bob]![2]).toBe(4);
    expect(h.counts.flat().reduce((a, b) => a + b, 0)).toBe(7);
    for (let r = 0; r < h.rows.length; r++) {
      expect(await countOf(h.rows[r]!.href)).toBe(h.rows[r]!.total);
      for (let c = 0; c < h.columns.length; c++) {
        const href = h.hrefs[r]![c];
        if (h.counts[r]![c] === 0) expect(href).toBeNull();
        else expect(await countOf(href!)).toBe(h.counts[r]![c]);
      }
    }
  });

  it("draws a wide explicit range in weekly columns, and refuses one too wide to draw with a clear error", async () => {
    // 15 years: 783 weekly columns, more cells than Math.max may take as arguments once rows multiply.
    const wide = await getDeniedHeatmap(scope, { axis: "hour", sort: "total", from: new Date("2010-01-04T00:00:00Z"), to: new Date("2025-01-06T00:00:00Z") });
    expect([wide.intervalMs, wide.columns.length, wide.max, wide.counts.flat().reduce((a, b) => a + b, 0)]).toEqual([7 * 24 * 3_600_000, 783, 4, 7]);
    await expect(getDeniedHeatmap(scope, { axis: "hour", sort: "total", from: new Date("0001-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: 'The range is too wide for the hour axis: at most 1,000 weeks. Narrow "after" or "before".',
    });
  });

  it("sorts principals by burst or by first denied call, and puts them against services", async () => {
    const first = await getDeniedHeatmap(scope, { axis: "service", sort: "first" });
    expect(first.rows.map((r) => r.principal)).toEqual([ALICE, BOB, HOSTILE, ""]);
    expect(first.columns.map((c) => `${c.label}=${c.total}`)).toEqual([
      "s3.amazonaws.com=3",
      "ec2.amazonaws.com=2",
      "cloudtrail.amazonaws.com=1",
      "secretsmanager.amazonaws.com=1",
    ]);
    for (const [r, row] of first.hrefs.entries()) for (const [c, href] of row.entries()) if (href) expect(await countOf(href)).toBe(first.counts[r]![c]);
    const burst = await getDeniedHeatmap(scope, { axis: "eventName", sort: "burst", from: new Date("2023-07-10T12:00:00Z"), to: new Date("2023-07-10T13:00:00Z") });
    expect(burst.rows.map((r) => `${r.principal}=${r.burst}@${r.burstHour}`)).toEqual([`${BOB}=4@2023-07-10T12:00:00.000Z`]);
    expect(burst.columns.map((c) => `${c.key}=${c.total}`)).toEqual(["ListBuckets=2", "DescribeInstances=1", "ListSecrets=1"]);
    expect(await countOf(burst.hrefs[0]![0]!)).toBe(2);
  });

  it("names a call without an ARN by the AWS service that made it, and links to exactly its events", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const service = { eventTime: "2021-07-28T16:00:00Z", errorCode: "AccessDenied", eventName: "PutObject", eventSource: "s3.amazonaws.com" };
    await seedEvents(c.id, [
      ev(1, { ...service, identityType: "AWSService", invokedBy: "delivery.logs.amazonaws.com" }),
      ev(2, { ...service, identityType: "AWSService", invokedBy: "delivery.logs.amazonaws.com" }),
      ev(3, { ...service, principalArn: ALICE, invokedBy: "cloudformation.amazonaws.com" }),
    ]);
    await unsafeRebuildCaseRollups(c.id);
    const own = await resolveCaseScope(lead.id, c.id, "events:read");
    const h = await getDeniedHeatmap(own, { axis: "service", sort: "total" });
    expect(h.rows.map((r) => `${r.principalKind}:${r.principal}=${r.total}`)).toEqual(["invokedBy:delivery.logs.amazonaws.com=2", `arn:${ALICE}=1`]);
    for (const row of h.rows) {
      const q = new URL(row.href, "http://x").searchParams.get("q");
      expect((await countEvents(own, parseChartFilter(q))).total).toBe(row.total);
    }
  });
});
