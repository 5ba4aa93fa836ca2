import type { PoolClient } from "pg";
import { INGEST_JOB } from "@/lib/ingest/ingest-job";
import { getProducer } from "@/lib/jobs/queue";

/**
 * The worker is stopping (SIGTERM): everything parsed so far is committed, so the run goes back to
 * "queued" with a fresh job, in one transaction, and resumes where it stopped on the next worker (the
 * files committed are skipped). The run's advisory lock is released before that transaction commits, so
 * the new job can never reach a worker while this one still holds the run (it would answer "busy" and
 * the run would wait for a job that no longer exists). Should anything here fail, the run stays
 * "running" with its lock free, which the orphan recovery re-queues (recover-orphaned-runs.ts).
 */
export async function pauseIngestRun(client: PoolClient, caseId: string, runId: string): Promise<void> {
  const boss = await getProducer();
  await client.query("BEGIN");
  try {
    await client.query(
      `UPDATE ingest_runs SET state = 'queued', heartbeat_at = now(),
              message = 'Paused: the worker stopped; the run resumes where it left off when a worker runs.'
        WHERE case_id = $1 AND id = $2 AND state = 'running'`,
      [caseId, runId],
    );
    await boss.send(INGEST_JOB.name, INGEST_JOB.payload.parse({ ingestRunId: runId }), {
      singletonKey: runId,
      db: { executeSql: (text, values) => client.query(text, values) },
    });
    await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [runId]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
