import { getPool } from "@/lib/db/client";
import { INGEST_JOB } from "@/lib/ingest/ingest-job";
import type PgBoss from "pg-boss";

/**
 * A run left "running" by a worker that died (kill -9, power loss) is re-queued at once instead of
 * waiting hours for its job to expire. Liveness is the run's advisory lock, held by the connection of
 * whichever worker is processing it: a running run whose lock is free has no live worker.
 */
export async function recoverOrphanedRuns(boss: PgBoss): Promise<string[]> {
  const pool = getPool();
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM ingest_runs WHERE state = 'running'`);
  const recovered: string[] = [];
  for (const { id } of rows) {
    const client = await pool.connect();
    try {
      const { rows: lock } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [id]);
      if (!lock[0]?.locked) continue;
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [id]);
      await boss.send(INGEST_JOB.name, INGEST_JOB.payload.parse({ ingestRunId: id }));
      recovered.push(id);
    } finally {
      client.release();
    }
  }
  return recovered;
}
