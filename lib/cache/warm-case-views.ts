// The views every analyst of a case opens first, computed by the worker as soon as the case's stamp
// changes (issue #9, load), so that no analyst is the first reader of a whole-case aggregate: the
// overview's checklist (coverage statement 17 s at 5M events, unresolved temporary keys 4.5 s, gaps, its
// denied principals and evidence layout), the dashboard's rollup sums, its whole-case timeline and denied
// heatmap, the heatmaps page in each axis and order, the unfiltered events table's facets; then the
// events view (capped count, facets, timeline) of a pivot on each of the PIVOTS_PER_DIMENSION busiest
// principals, access keys and source IPs: the pivots that scan
// the most events (up to seconds each under load), reached from every event of theirs and from the
// facets. A rarer value's pivot reads few events and is computed by its first reader. Each is computed
// through the function a page or route calls, with the arguments the page or route passes by default, so
// the stored answer is exactly the one the reader would have computed (lib/cache/case-result-cache.ts).
import { type CaseScope, unsafeWorkerCaseScope } from "@/lib/auth/case-scope";
import { caseStamp } from "@/lib/cache/case-result-cache";
import { valueTerm } from "@/lib/charts/chart-terms";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";
import { getPool } from "@/lib/db/client";
import { countEvents, EXACT_COUNT_CAP } from "@/lib/events/count-events";
import { findEventFacets } from "@/lib/events/find-event-facets";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { formatTerm } from "@/lib/events/filter/format-filter";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { HEATMAP_AXES, HEATMAP_SORTS } from "@/lib/heatmaps/denied-heatmap-types";
import { getDeniedHeatmap } from "@/lib/heatmaps/get-denied-heatmap";
import { findUnresolvedTemporaryKeys } from "@/lib/integrity/find-unresolved-temporary-keys";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { getTimeline } from "@/lib/timeline/get-timeline";

/** The views computed, in the order computed (the checklist's parts first: the slowest for a reader). */
const VIEWS: readonly [string, (scope: CaseScope) => Promise<unknown>][] = [
  ["coverage", (scope) => getCoverageStatement(scope)],
  ["unresolved-temporary-keys", (scope) => findUnresolvedTemporaryKeys(scope)],
  ["gaps", (scope) => getGaps(scope)],
  // The rest of the overview: the checklist's rollup and layout parts, the dashboard's rollup parts.
  ["checklist", (scope) => getNoCompromiseChecklist(scope)],
  ["dashboard", (scope) => getCaseDashboard(scope)],
  ["timeline", (scope) => getTimeline(scope, undefined)],
  ["facets", (scope) => findEventFacets(scope, undefined)],
  ...HEATMAP_AXES.flatMap((axis) =>
    HEATMAP_SORTS.map((sort): [string, (scope: CaseScope) => Promise<unknown>] => [`denied-heatmap:${axis}:${sort}`, (scope) => getDeniedHeatmap(scope, { axis, sort })]),
  ),
];
export const WARMED_VIEWS: readonly string[] = VIEWS.map(([name]) => name);

/** Busiest values per dimension whose pivot is computed ahead (by events, as case_actor_counts ranks them). */
export const PIVOTS_PER_DIMENSION = 10;
const PIVOT_FIELDS: Record<string, FilterFieldName> = { principal: "userIdentity.arn", key: "userIdentity.accessKeyId", ip: "sourceIPAddress" };

/** The pivot filters computed ahead, as the events page parses them from a pivot link's `q`. */
async function busiestPivots(caseId: string): Promise<string[]> {
  const { rows } = await getPool().query<{ dimension: string; value: string }>(
    `SELECT dimension, value FROM (
       SELECT dimension, value, row_number() OVER (PARTITION BY dimension ORDER BY total DESC, value) AS r
         FROM case_actor_counts WHERE case_id = $1 AND dimension = ANY($2::text[]) AND value <> '') t
      WHERE r <= $3 ORDER BY dimension, r`,
    [caseId, Object.keys(PIVOT_FIELDS), PIVOTS_PER_DIMENSION],
  );
  return rows.map((r) => formatTerm(valueTerm(PIVOT_FIELDS[r.dimension]!, r.value)));
}

export type WarmResult = { stamp: string | null; views: number; ms: number };

/**
 * Computes the case's shared views at its current stamp (those already stored at it are read, not
 * recomputed). Unscoped on purpose, like unsafeRebuildCaseRollups: the worker calls it with the case id
 * of the job it runs; never with an id from a request. A case deleted meanwhile computes nothing.
 */
export async function unsafeWarmCaseViews(caseId: string, onView?: (view: string, ms: number) => void): Promise<WarmResult> {
  const started = performance.now();
  const stamp = await caseStamp(caseId);
  if (stamp === null) return { stamp, views: 0, ms: 0 };
  const scope = await unsafeWorkerCaseScope(caseId);
  // One after another: the worker shares the machine with the web server and with ingests.
  for (const [view, run] of VIEWS) {
    const t0 = performance.now();
    await run(scope);
    onView?.(view, performance.now() - t0);
  }
  const pivots = await busiestPivots(caseId);
  for (const query of pivots) {
    const t0 = performance.now();
    const filter = parseFilter(query);
    // As the events page computes them (its count, its facets panel, its "timeline of this filter").
    await countEvents(scope, filter, { cap: EXACT_COUNT_CAP });
    await findEventFacets(scope, filter);
    await getTimeline(scope, filter);
    onView?.(`pivot ${query}`, performance.now() - t0);
  }
  return { stamp, views: VIEWS.length + pivots.length * 3, ms: Math.round(performance.now() - started) };
}
