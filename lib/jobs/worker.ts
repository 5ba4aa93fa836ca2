// The worker process (`npm run worker`): runs queued jobs outside the web server, so that parsing
// gigabytes of evidence never competes with page requests. SIGTERM/SIGINT stop it gracefully: no new
// jobs, a running ingest pauses at its next file and is re-queued, other jobs get a grace period, exit 0.
// An ingest cut by a crash instead resumes on the next start (recover-orphaned-runs.ts).
import os from "node:os";
import { lowerLocalBackendPriority, workerSessionOptions } from "@/lib/db/backend-priority";
import { closeDb, getPool, setSessionOptions } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { getDatabaseUrl } from "@/lib/db/database-url";
import { isConnectionError } from "@/lib/db/is-connection-error";
import { waitForDatabase } from "@/lib/db/wait-for-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createJobRunner, WorkerStoppingError } from "@/lib/jobs/analysis-lane";
import { createBoss } from "@/lib/jobs/queue";
import { JOB_REGISTRY } from "@/lib/jobs/registry";
import { recoverOrphanedRuns } from "@/lib/jobs/recover-orphaned-runs";
import { createLogger } from "@/lib/log";
import { queueStaleRollups } from "@/lib/rollups/queue-stale-rollups";

const log = createLogger({ process: "worker" });
const RECOVERY_INTERVAL_MS = 30_000;
// How long a job that lost its database waits for it before reporting the failure (see the work loop).
const DATABASE_WAIT_MS = 120_000;
// On SIGTERM running jobs get this long to finish or checkpoint (an ingest commits what it has parsed and
// re-queues the rest: lib/ingest/pause-ingest-run.ts); below the launcher's 15 s before its SIGKILL.
const SHUTDOWN_GRACE_MS = 10_000;
// Then the pool gets this long to close (a job that ignored the grace period still holds a connection).
const POOL_CLOSE_MS = 2_000;
// Past this the worker exits anyway, with status 1 (something hung: e.g. a database that stopped answering).
const SHUTDOWN_LIMIT_MS = 13_000;
const shutdown = new AbortController();

/** The ids a job's payload names (ingestRunId, caseId, reportId …), for its log lines. Payloads carry ids only. */
function payloadIds(payload: unknown): Record<string, string> {
  if (typeof payload !== "object" || payload === null) return {};
  return Object.fromEntries(Object.entries(payload).filter((e): e is [string, string] => /Id$/.test(e[0]) && typeof e[1] === "string"));
}

// PostgreSQL restarting must not end the worker (issue #9). pg-boss 10 records a job's outcome without
// awaiting it (manager.js onFetch: `this.complete(…)` / `this.fail(…)`), so with the database down at
// that moment the rejection is unhandled, which ends a Node process. A lost connection is logged and
// survived: an ingest run cut by it is re-queued by the orphan recovery below, other jobs by pg-boss when
// they expire. Any other unhandled rejection still stops the worker, as Node does by default.
process.on("unhandledRejection", (reason) => {
  if (isConnectionError(reason)) {
    log.warn("database unreachable: a job's outcome could not be recorded", { err: (reason as Error).message });
    return;
  }
  log.error("unhandled promise rejection", { err: reason });
  process.exit(1);
});

async function main() {
  // Before any thread starts: on Linux niceness is per thread and new threads (the parse pool, libuv's
  // pool) inherit it from the thread that creates them.
  try {
    os.setPriority(env.TRAILBENCH_WORKER_NICE);
  } catch (err) {
    log.warn("could not lower the worker's CPU priority", { err: (err as Error).message });
  }
  // And its database backends' (the ingest's COPY is most of its CPU), when the database is on this host;
  // their queries then run without parallel workers, which would not be niced (backend-priority.ts).
  setSessionOptions(workerSessionOptions(getDatabaseUrl(), env.TRAILBENCH_WORKER_NICE));
  lowerLocalBackendPriority(getPool(), getDatabaseUrl(), env.TRAILBENCH_WORKER_NICE);
  await prepareDatabase(getDatabaseUrl());
  const boss = createBoss("worker");
  boss.on("error", (err) =>
    isConnectionError(err) ? log.warn("queue: database unreachable", { err: err.message }) : log.error("queue error", { err }),
  );
  await boss.start();
  const runJob = createJobRunner(env.TRAILBENCH_WORKER_ANALYSIS_CONCURRENCY, shutdown.signal);
  for (const { definition: def, handler: loadHandler } of JOB_REGISTRY) {
    await boss.work(def.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const payload = def.payload.parse(job.data);
      const jobLog = log.child({ job: def.name, jobId: job.id, ...payloadIds(payload) });
      const handler = await loadHandler();
      const attempt = job.retryCount + 1;
      let t0 = performance.now();
      try {
        // Analysis jobs wait here for their turn in the lane (lib/jobs/analysis-lane.ts).
        await runJob(def.name, () => {
          t0 = performance.now();
          jobLog.info("job started", { attempt });
          return handler(payload, { jobId: job.id, isLastAttempt: job.retryCount >= job.retryLimit, signal: shutdown.signal });
        });
      } catch (err) {
        if (err instanceof WorkerStoppingError) {
          jobLog.info("job not started: the worker is stopping; it is retried later");
          throw err;
        }
        jobLog.error("job failed", { attempt, durationMs: Math.round(performance.now() - t0), willRetry: job.retryCount < job.retryLimit, err });
        // Failed because PostgreSQL went away (a restart): pg-boss records the failure, and so schedules the
        // retry, as soon as this throws; wait for the database first, or the job stays "active" until it expires.
        if (isConnectionError(err) && !(await waitForDatabase({ timeoutMs: DATABASE_WAIT_MS, signal: shutdown.signal }))) {
          jobLog.warn("the database is still unreachable: the job is retried when it expires (an ingest run sooner, by orphan recovery)");
        }
        throw err;
      }
      // During a shutdown an ingest returns early, paused and re-queued (it logs "ingest paused …" itself).
      jobLog.info("job finished", { attempt, durationMs: Math.round(performance.now() - t0), ...(shutdown.signal.aborted ? { duringShutdown: true } : {}) });
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
    const t0 = performance.now();
    log.info("worker stopping", { signal, graceMs: SHUTDOWN_GRACE_MS });
    setTimeout(() => {
      log.error("worker did not stop in time; exiting", { signal, limitMs: SHUTDOWN_LIMIT_MS });
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    clearInterval(timer);
    // No new jobs from here; running ones see the signal (an ingest pauses at its next file).
    shutdown.abort();
    // A job still running after the grace period is failed by pg-boss, so it is retried later (jobs are
    // idempotent); its connection is cut when the process exits and its transaction rolls back.
    await boss.stop({ graceful: true, timeout: SHUTDOWN_GRACE_MS, wait: true, close: false }).catch(() => undefined);
    const closed = await Promise.race([
      closeDb().then(() => true, (err: unknown) => (log.warn("closing the database pool failed", { err }), true)),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), POOL_CLOSE_MS).unref()),
    ]);
    if (!closed) log.warn("a job outlived the grace period; its connection is cut and the job is retried later", { graceMs: SHUTDOWN_GRACE_MS });
    log.info("worker stopped", { signal, durationMs: Math.round(performance.now() - t0) });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  log.error("worker failed to start", { err });
  process.exit(1);
});
