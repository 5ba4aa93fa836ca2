import type PgBoss from "pg-boss";
import { getPool } from "@/lib/db/client";
import { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";

/**
 * At worker start: queue a rollup rebuild for every case whose rollups do not cover its events and
 * which has no ingest in progress (that ingest queues its own). Covers cases ingested before rollups
 * existed and a worker that died before its rollup job ran.
 */
export async function queueStaleRollups(boss: PgBoss): Promise<string[]> {
  const { rows } = await getPool().query<{ id: string }>(
    `SELECT c.id FROM cases c
      WHERE c.rollups_event_count IS DISTINCT FROM c.event_count AND (c.event_count > 0 OR c.rollups_event_count IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM ingest_runs r WHERE r.case_id = c.id AND r.state IN ('queued', 'running'))`,
  );
  for (const { id } of rows) await boss.send(ROLLUPS_JOB.name, ROLLUPS_JOB.payload.parse({ caseId: id }), { singletonKey: id });
  return rows.map((r) => r.id);
}
