import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";

/** When detections last ran over the case and whether events arrived since. */
export async function getDetectionStatus(scope: CaseScope): Promise<{ runAt: string | null; pendingEvents: number }> {
  const { rows } = await getPool().query<{ runAt: Date | null; pending: number }>(
    `SELECT detections_run_at AS "runAt", greatest(event_count - coalesce(detections_event_count, 0), 0)::int AS pending FROM cases WHERE id = $1`,
    [scope.caseId],
  );
  return { runAt: rows[0]?.runAt?.toISOString() ?? null, pendingEvents: rows[0]?.pending ?? 0 };
}
