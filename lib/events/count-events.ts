import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";

export type EventCounts = { total: number; undated: number };

/** Exact counts of the case's events, and of those without a usable eventTime (listed apart). */
export async function countEvents(scope: CaseScope): Promise<EventCounts> {
  const { rows } = await getPool().query<{ total: string; undated: string }>(
    `SELECT count(*)::text AS total, count(*) FILTER (WHERE event_time IS NULL)::text AS undated
       FROM events WHERE case_id = $1`,
    [scope.caseId],
  );
  return { total: Number(rows[0]?.total ?? 0), undated: Number(rows[0]?.undated ?? 0) };
}
