// The worker's computation of a case's shared views (lib/cache/warm-case-views.ts) against a real
// PostgreSQL: after a rollup rebuild it stores exactly the views a reader's page or route asks for by
// default, each equal to what that reader computes itself, and readers then compute nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { runWarmViewsJob } from "@/lib/cache/run-warm-views-job";
import { unsafeWarmCaseViews, WARMED_VIEWS } from "@/lib/cache/warm-case-views";
import { setCaseWindow } from "@/lib/cases/set-case-window";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";
import { getPool } from "@/lib/db/client";
import { countEvents, EXACT_COUNT_CAP } from "@/lib/events/count-events";
import { findEventFacets } from "@/lib/events/find-event-facets";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { HEATMAP_AXES, HEATMAP_SORTS } from "@/lib/heatmaps/denied-heatmap-types";
import { getDeniedHeatmap } from "@/lib/heatmaps/get-denied-heatmap";
import { findUnresolvedTemporaryKeys } from "@/lib/integrity/find-unresolved-temporary-keys";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { runRollupsJob } from "@/lib/rollups/run-rollups-job";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";

let scope: CaseScope;
let leadId: string;

const event = (i: number, over: Partial<SeedEvent> = {}): SeedEvent => ({
  eventId: `warm-${i}-${Math.random().toString(36).slice(2)}`,
  eventTime: new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 24), i % 24, i)),
  eventSource: i % 2 === 0 ? "s3.amazonaws.com" : "iam.amazonaws.com",
  eventName: i % 2 === 0 ? "GetObject" : "ListUsers",
  awsRegion: "us-east-1",
  recipientAccountId: "111122223333",
  principalArn: i % 3 === 0 ? "arn:aws:iam::111122223333:user/mallory" : "arn:aws:iam::111122223333:user/alice",
  accessKeyId: i % 3 === 0 ? "ASIAMALLORYKEY000001" : "AKIAALICEKEY00000001",
  sourceIpAddress: "198.51.100.7",
  errorCode: i % 4 === 0 ? "AccessDenied" : undefined,
  ...over,
});

type Row = { key: string; stamp: string; created: string };
async function cacheRows(caseId: string): Promise<Row[]> {
  return (
    await getPool().query<Row>(`SELECT key, stamp, created_at::text AS created FROM case_result_cache WHERE case_id = $1 ORDER BY key`, [caseId])
  ).rows;
}
const kinds = (rows: Row[]) => rows.map((r) => r.key.split(":")[0]).sort();

/** Each reader as its page or route calls it by default. */
const readers = (s: CaseScope): [string, () => Promise<unknown>][] => [
  ["coverage", () => getCoverageStatement(s)],
  ["unresolved", () => findUnresolvedTemporaryKeys(s)],
  ["gaps", () => getGaps(s)],
  ["checklist", () => getNoCompromiseChecklist(s)],
  ["dashboard", () => getCaseDashboard(s)],
  ["timeline", () => getTimeline(s, undefined)],
  ["facets", () => findEventFacets(s, undefined)],
  ...HEATMAP_AXES.flatMap((axis) => HEATMAP_SORTS.map((sort): [string, () => Promise<unknown>] => [`${axis}/${sort}`, () => getDeniedHeatmap(s, { axis, sort })])),
];

/** The events page of a pivot link, as it computes its count, facets panel and timeline. */
const pivotReaders = (s: CaseScope, q: string): [string, () => Promise<unknown>][] => [
  [`count ${q}`, () => countEvents(s, parseFilter(q), { cap: EXACT_COUNT_CAP })],
  [`facets ${q}`, () => findEventFacets(s, parseFilter(q))],
  [`timeline ${q}`, () => getTimeline(s, parseFilter(q))],
];
const PIVOTS = [
  'userIdentity.arn:"arn:aws:iam::111122223333:user/alice"',
  'userIdentity.arn:"arn:aws:iam::111122223333:user/mallory"',
  "accessKeyId:AKIAALICEKEY00000001",
  "userIdentity.accessKeyId:ASIAMALLORYKEY000001",
  "sourceIPAddress:198.51.100.7",
];

beforeEach(async () => {
  const lead = await seedUser();
  leadId = lead.id;
  scope = await resolveCaseScope(lead.id, (await seedCase(lead)).id, "events:read");
  await seedEvents(scope.caseId, Array.from({ length: 60 }, (_, i) => event(i)));
});

describe("the worker's shared views", () => {
  it("stores, after a rollup rebuild, exactly the views readers ask for by default and the busiest pivots' views, and queues itself from the rollups job", async () => {
    await runRollupsJob({ caseId: scope.caseId });
    const queued = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'warm-views' AND data->>'caseId' = $1`, [scope.caseId]);
    expect(queued.rows[0]?.n).toBe(1);
    expect(await cacheRows(scope.caseId)).toEqual([]);

    await runWarmViewsJob({ caseId: scope.caseId });
    const stored = await cacheRows(scope.caseId);
    expect(WARMED_VIEWS).toHaveLength(16);
    // The 16 shared views (the checklist's and the dashboard's storing their rollup and layout parts), and count, facets and timeline of the pivot on each of the 2 principals, 2 keys and 1 IP.
    expect(kinds(stored)).toEqual([
      ...Array<string>(5).fill("count"),
      "coverage",
      "dashboard-rollups",
      ...Array<string>(9).fill("denied-heatmap"),
      "denied-principals",
      "evidence-layout",
      ...Array<string>(6).fill("facets"),
      "gaps",
      ...Array<string>(6).fill("timeline"),
      "unresolved-temporary-keys",
    ]);
    expect(new Set(stored.map((r) => r.stamp))).toEqual(new Set([expect.stringMatching(/^60:\d{13}$/)]));

    // Every reader now reads: nothing is stored again or replaced.
    // (A pivot typed with an alias or with quotes is the same filter as the pivot link's.)
    const all = [...readers(scope), ...PIVOTS.flatMap((q) => pivotReaders(scope, q))];
    const answers = new Map<string, unknown>();
    for (const [name, read] of all) answers.set(name, await read());
    expect(await cacheRows(scope.caseId)).toEqual(stored);
    expect(answers.get(`count ${PIVOTS[1]}`)).toEqual({ total: 20, exact: true, undated: 0 });
    // And each stored answer is the one the reader computes itself with nothing stored.
    await getPool().query(`DELETE FROM case_result_cache WHERE case_id = $1`, [scope.caseId]);
    for (const [name, read] of all) expect([name, await read()]).toEqual([name, answers.get(name)]);
    expect(await cacheRows(scope.caseId)).toHaveLength(32);
  });

  it("computes nothing twice at one stamp, and again once the incident window changes (the coverage statement's key)", async () => {
    const first = await unsafeWarmCaseViews(scope.caseId);
    expect(first).toMatchObject({ stamp: "60:-", views: 16 });
    const stored = await cacheRows(scope.caseId);
    expect(await unsafeWarmCaseViews(scope.caseId)).toMatchObject({ stamp: "60:-", views: 16 });
    expect(await cacheRows(scope.caseId)).toEqual(stored);

    const lead = await resolveCaseScope(leadId, scope.caseId, "case:update");
    await setCaseWindow(lead, { start: new Date(Date.UTC(2024, 0, 2)), end: null });
    const queued = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'warm-views' AND data->>'caseId' = $1`, [scope.caseId]);
    expect(queued.rows[0]?.n).toBe(1);
    await runWarmViewsJob({ caseId: scope.caseId });
    const after = await cacheRows(scope.caseId);
    // One more coverage statement (the new window's); the other sixteen untouched.
    expect(after).toHaveLength(18);
    expect(after.filter((r) => !r.key.startsWith("coverage:"))).toEqual(stored.filter((r) => !r.key.startsWith("coverage:")));
    const coverage = await getCoverageStatement(scope);
    expect(coverage.time.window).toMatchObject({ start: "2024-01-02T00:00:00.000Z" });
    expect(await cacheRows(scope.caseId)).toEqual(after);
  });

  it("is done, not failed, for a case that no longer exists", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    await expect(runWarmViewsJob({ caseId: gone })).resolves.toBeUndefined();
    expect(await unsafeWarmCaseViews(gone)).toEqual({ stamp: null, views: 0, ms: 0 });
  });
});
