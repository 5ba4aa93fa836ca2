// The worker process (`npm run worker`): runs queued jobs outside the web server, so that parsing
// gigabytes of evidence never competes with page requests. SIGTERM/SIGINT stop it gracefully; an
// interrupted ingest resumes on the next start (recover-orphaned-runs.ts).
import { closeDb } from "@/lib/db/client";
import { getDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createBoss } from "@/lib/jobs/queue";
import { JOB_REGISTRY } from "@/lib/jobs/registry";
import { recoverOrphanedRuns } from "@/lib/jobs/recover-orphaned-runs";
import { createLogger } from "@/lib/log";
import { queueStaleRollups } from "@/lib/rollups/queue-stale-rollups";

const log = createLogger({ process: "worker" });
const RECOVERY_INTERVAL_MS = 30_000;

async function main() {
  await prepareDatabase(getDatabaseUrl());
  const boss = createBoss("worker");
  boss.on("error", (err) => log.error("queue error", { err }));
  await boss.start();
  for (const { definition: def, handler: loadHandler } of JOB_REGISTRY) {
    await boss.work(def.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const jobLog = log.child({ job: def.name, jobId: job.id });
      const payload = def.payload.parse(job.data);
      const handler = await loadHandler();
      jobLog.info("job started", { attempt: job.retryCount + 1 });
      await handler(payload, { jobId: job.id, isLastAttempt: job.retryCount >= job.retryLimit });
      jobLog.info("job finished");
    });
  }
  const recover = () =>
    recoverOrphanedRuns(boss)
      .then((ids) => ids.length && log.warn("re-queued interrupted ingest runs", { ids }))
      .catch((err) => log.error("orphan recovery failed", { err }));
  await recover();
  await queueStaleRollups(boss)
    .then((ids) => ids.length && log.info("queued rollup rebuilds for cases whose counts were stale", { ids }))
    .catch((err) => log.error("stale rollup check failed", { err }));
  const timer = setInterval(recover, RECOVERY_INTERVAL_MS);
  log.info("worker ready", { queues: JOB_REGISTRY.map((j) => j.definition.name) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("worker stopping", { signal });
    clearInterval(timer);
    await boss.stop({ graceful: true, timeout: 10_000, wait: true, close: false }).catch(() => undefined);
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  log.error("worker failed to start", { err });
  process.exit(1);
});
