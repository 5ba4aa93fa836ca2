import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";

export type EventCounts = { total: number; undated: number };

/**
 * Exact counts of the case's events (matching the filter, if any), and of those without a usable
 * eventTime (listed apart).
 */
export async function countEvents(scope: CaseScope, filter?: FilterAst): Promise<EventCounts> {
  const where = filter ? filterToSql(filter, 2) : { sql: "TRUE", values: [] };
  const { rows } = await getPool().query<{ total: string; undated: string }>(
    `SELECT count(*)::text AS total, count(*) FILTER (WHERE event_time IS NULL)::text AS undated
       FROM events WHERE case_id = $1 AND (${where.sql})`,
    [scope.caseId, ...where.values],
  );
  return { total: Number(rows[0]?.total ?? 0), undated: Number(rows[0]?.undated ?? 0) };
}
