import type { CaseScope } from "@/lib/auth/case-scope";
import { cachedCaseResult, isEventsOnlyFilter } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { formatFilter } from "@/lib/events/filter/format-filter";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";

export type EventCounts = {
  /** Matching events: exact when `exact`, else the planner's estimate (never below `cap`). */
  total: number;
  exact: boolean;
  /** Matching events without a usable eventTime (not listed in time order), counted exactly. */
  undated: number;
};

/** The events page's cap: filtered counts are exact up to here; beyond, the planner's estimate is shown and labelled. */
export const EXACT_COUNT_CAP = 200_000;

/**
 * Counts of the case's events matching the filter (if any). Unfiltered, the case's maintained event
 * count answers at once. Filtered, the count is exact up to `cap` matching rows; past it the query stops
 * counting and the planner's row estimate is returned, flagged `exact: false`, so a broad filter over
 * millions of events costs a bounded scan and the page labels the figure as an estimate. A filter on
 * the events alone is counted once per case stamp (lib/cache/case-result-cache.ts).
 */
export async function countEvents(scope: CaseScope, filter?: FilterAst, opts: { cap?: number } = {}): Promise<EventCounts> {
  if (filter && isEventsOnlyFilter(filter)) {
    return cachedCaseResult(scope, "count", { filter: formatFilter(filter), cap: opts.cap ?? null }, () => computeEventCounts(scope, filter, opts));
  }
  return computeEventCounts(scope, filter, opts);
}

async function computeEventCounts(scope: CaseScope, filter: FilterAst | undefined, opts: { cap?: number }): Promise<EventCounts> {
  const pool = getPool();
  const where = filter ? filterToSql(filter, 2) : { sql: "TRUE", values: [] };
  const undatedQuery = countUndatedEvents(scope, filter);
  if (!filter) {
    const [{ rows }, undated] = await Promise.all([
      pool.query<{ n: string }>(`SELECT event_count::text AS n FROM cases WHERE id = $1`, [scope.caseId]),
      undatedQuery,
    ]);
    return { total: Number(rows[0]?.n ?? 0), exact: true, undated };
  }
  const cap = opts.cap;
  const capped = cap === undefined ? "" : `LIMIT ${Math.max(1, Math.floor(cap)) + 1}`;
  const [{ rows }, undated] = await Promise.all([
    pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM (SELECT 1 FROM events WHERE case_id = $1 AND (${where.sql}) ${capped}) AS m`,
      [scope.caseId, ...where.values],
    ),
    undatedQuery,
  ]);
  const counted = Number(rows[0]?.n ?? 0);
  if (cap === undefined || counted <= cap) return { total: counted, exact: true, undated };
  const plan = await pool.query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM events WHERE case_id = $1 AND (${where.sql})`,
    [scope.caseId, ...where.values],
  );
  const estimate = Math.round(plan.rows[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0);
  return { total: Math.max(estimate, cap + 1), exact: false, undated };
}

/** Matching events without a usable eventTime (listed apart: they have no place in time order). */
export async function countUndatedEvents(scope: CaseScope, filter?: FilterAst): Promise<number> {
  const where = filter ? filterToSql(filter, 2) : { sql: "TRUE", values: [] };
  const { rows } = await getPool().query<{ n: string }>(
    `SELECT count(*)::text AS n FROM events WHERE case_id = $1 AND event_time IS NULL AND (${where.sql})`,
    [scope.caseId, ...where.values],
  );
  return Number(rows[0]?.n ?? 0);
}
