// Issue #9, faults: PostgreSQL restarted while an ingest runs. The real worker process
// (`node --import tsx lib/jobs/worker.ts`) ingests a few hundred delivery files while its PostgreSQL is
// stopped (`pg_ctl stop -m fast`: every session terminated, in-flight transactions rolled back) and
// started again on the same data directory and port. Without restarting the worker, the run must finish
// by itself (pg-boss retry or the worker's periodic orphan recovery, then the resume that skips committed
// files) with exactly the rows and counts of an uninterrupted run of the same evidence.
// The cluster is a dedicated one (lib/testing/crash/dedicated-postgres.ts): restarting the shared test
// cluster would break the test files running beside this one.
import { rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { env } from "@/lib/env.js";
import { runIngest } from "@/lib/ingest/run-ingest";
import { buildCrashEvidence, type CrashEvidence } from "@/lib/testing/crash/crash-evidence";
import { startDedicatedPostgres, type DedicatedPostgres } from "@/lib/testing/crash/dedicated-postgres";
import {
  consistencyProblems,
  diffCaseEvents,
  evidenceReadFailures,
  isCommitBatchStatement,
  isTerminalRun,
  openTransactions,
  pollRun,
  readRun,
  runOutcome,
  type RunOutcome,
  type RunRow,
} from "@/lib/testing/crash/run-outcome";
import { killAllWorkers, WorkerProcess } from "@/lib/testing/crash/worker-process";
import { enqueuePathRun, type QueuedRun } from "@/lib/testing/crash/enqueue-path-run";

const LABEL = "evidence";
const GOOD_FILES = 200; // 52,600 records: three commit batches (25,000 rows each at most)
const RECORDS_PER_FILE = 250;
const DUPLICATES_PER_FILE = 13;
const DOWN_MS = 2_000;
const RESTART_POINT_TIMEOUT_MS = 60_000;
// The worker's orphan recovery runs every 30 s: a run whose attempt died with the database is re-queued
// by the first sweep after PostgreSQL is back (or earlier, by pg-boss's retry when it could record the failure).
const FINISH_TIMEOUT_MS = 120_000;

type Ran = QueuedRun;

let pgd: DedicatedPostgres | undefined;
let evidence: CrashEvidence;
let reference: Ran & { outcome: RunOutcome };
const report: string[] = [];
const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

const enqueueCaseRun = () => enqueuePathRun(evidence.dir, LABEL);

function startWorker(): WorkerProcess {
  return WorkerProcess.start({ databaseUrl: pgd!.url, dataDir: env.TRAILBENCH_DATA_DIR, logLevel: "info" });
}

/** Like pollRun, but a query failing while PostgreSQL is down is retried instead of failing the test. */
async function pollThroughOutage(runId: string, until: (r: RunRow) => boolean, timeoutMs: number, worker: WorkerProcess): Promise<RunRow> {
  const deadline = performance.now() + timeoutMs;
  let last: RunRow | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await readRun(runId);
      if (until(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (worker.hasExited()) throw new Error(`the worker exited (${JSON.stringify(worker.exitStatus())}):\n${worker.output()}`);
    if (performance.now() > deadline) {
      throw new Error(
        `run ${runId} did not finish within ${timeoutMs} ms; last row ${JSON.stringify(last && { ...last, problems: last.problems.length })}; ` +
          `last query error: ${(lastError as Error | undefined)?.message ?? "none"}\n--- worker output ---\n${worker.output()}`,
      );
    }
    await sleep(100);
  }
}

async function waitForOutput(worker: WorkerProcess, text: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!worker.output().includes(text)) {
    if (worker.hasExited() || performance.now() > deadline) throw new Error(`the worker never logged "${text}":\n${worker.output()}`);
    await sleep(50);
  }
}

/** The run's pg-boss jobs by state, and whether the worker's orphan recovery re-queued it (the report's "how it came back"). */
async function recoveryPath(runId: string, worker: WorkerProcess): Promise<string> {
  const { rows } = await getPool().query<{ state: string; n: number }>(
    `SELECT state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = 'ingest' AND data->>'ingestRunId' = $1 GROUP BY 1 ORDER BY 1`,
    [runId],
  );
  const requeued = worker
    .output()
    .split("\n")
    .some((line) => line.includes("re-queued interrupted ingest runs") && line.includes(runId));
  return `jobs: ${rows.map((r) => `${r.n} ${r.state}`).join(", ")}${requeued ? "; re-queued by orphan recovery" : ""}`;
}

/** The run ended with exactly the reference run's rows and counts. */
async function expectSameAsReference(run: Ran): Promise<void> {
  const outcome = await runOutcome(run.caseId, run.runId);
  expect(outcome.counters).toEqual(reference.outcome.counters);
  expect(outcome.problems).toEqual(reference.outcome.problems);
  expect(outcome.files).toEqual(reference.outcome.files);
  expect(await diffCaseEvents(reference.caseId, run.caseId)).toEqual({ missing: 0, extra: 0, samples: [] });
  expect(outcome.eventRows).toBe(reference.outcome.eventRows);
  expect(outcome.caseEventCount).toBe(outcome.eventRows);
  expect(await consistencyProblems(run.caseId, run.runId)).toEqual([]);
  expect((await evidenceReadFailures(env.TRAILBENCH_DATA_DIR, { runId: run.runId })).failures.slice(0, 10)).toEqual([]);
}

/** The test's worker must still be the same, live process; then it is ended (its shutdown is not this test's subject). */
async function endWorker(worker: WorkerProcess, pid: number): Promise<void> {
  expect(worker.hasExited(), `the worker died:\n${worker.output()}`).toBe(false);
  expect(worker.pid).toBe(pid);
  await worker.kill9();
}

describe("PostgreSQL restarted while the worker ingests", () => {
  beforeAll(async () => {
    const t0 = performance.now();
    pgd = await startDedicatedPostgres();
    await closeDb();
    setDatabaseUrl(pgd.url);
    await prepareDatabase(pgd.url);
    evidence = await buildCrashEvidence({ files: GOOD_FILES, recordsPerFile: RECORDS_PER_FILE, duplicatesPerFile: DUPLICATES_PER_FILE, label: LABEL });
    const t = performance.now();
    const ran = await enqueueCaseRun();
    expect(await runIngest(ran.runId)).toBe("done");
    reference = { ...ran, outcome: await runOutcome(ran.caseId, ran.runId) };
    expect(reference.outcome.counters.state).toBe("succeeded");
    expect(reference.outcome.eventRows).toBe(evidence.expected.counters.inserted);
    report.push(`setup ${secondsSince(t0)} s (uninterrupted reference run ${secondsSince(t)} s, ${evidence.expected.counters.records} records in ${evidence.leafCount} files)`);
  }, 180_000);

  afterAll(async () => {
    await killAllWorkers();
    await closeDb();
    setDatabaseUrl(inject("databaseUrl"));
    await pgd?.destroy();
    if (evidence) await rm(evidence.dir, { recursive: true, force: true });
    console.info(`postgres-restart timings:\n  ${report.join("\n  ")}`);
  });

  it("A: restarted after the first files were committed, the same worker finishes the run exactly", { timeout: 240_000 }, async () => {
    const worker = startWorker();
    const pid = worker.pid;
    const run = await enqueueCaseRun();
    const total = evidence.leafCount;
    const seen = await pollRun(run.runId, (r) => isTerminalRun(r) || (r.state === "running" && r.files_done > 0), {
      timeoutMs: RESTART_POINT_TIMEOUT_MS,
      intervalMs: 10,
      describe: () => worker.output(),
    });
    expect(seen.state, "the run must still be running when the database goes away").toBe("running");
    expect(seen.files_done).toBeLessThan(total);
    const restart = await pgd!.restart({ downMs: DOWN_MS });
    const t = performance.now();
    const row = await pollThroughOutage(run.runId, isTerminalRun, FINISH_TIMEOUT_MS, worker);
    report.push(
      `A: restarted with ${seen.files_done}/${total} files committed (stop ${restart.stopMs} ms, down ${DOWN_MS} ms, start ${restart.startMs} ms); ` +
        `${row.state} ${secondsSince(t)} s after the start, attempts ${row.attempts}; ${await recoveryPath(run.runId, worker)}`,
    );
    expect(row.state, `${row.message ?? ""}\n${worker.output()}`).toBe("succeeded");
    expect(row.attempts, "the attempt cut by the restart, then the one that finished").toBeGreaterThanOrEqual(2);
    await expectSameAsReference(run);
    await endWorker(worker, pid);
  });

  it("B: restarted inside a commit transaction (events being written), the same worker finishes the run exactly", { timeout: 240_000 }, async () => {
    const worker = startWorker();
    const pid = worker.pid;
    const run = await enqueueCaseRun();
    const deadline = performance.now() + RESTART_POINT_TIMEOUT_MS;
    let atRestart: string[] = [];
    while (!atRestart.some((d) => isCommitBatchStatement(d) && /COPY events|INSERT INTO events/.test(d))) {
      const r = await readRun(run.runId);
      if (isTerminalRun(r) || performance.now() > deadline) throw new Error(`no commit transaction seen before the run ended (${r.state})\n${worker.output()}`);
      atRestart = await openTransactions();
    }
    const before = await readRun(run.runId);
    const restart = await pgd!.restart({ downMs: DOWN_MS });
    const t = performance.now();
    const row = await pollThroughOutage(run.runId, isTerminalRun, FINISH_TIMEOUT_MS, worker);
    report.push(
      `B: restarted inside [${atRestart.join(" | ")}] with ${before.files_done}/${evidence.leafCount} committed (stop ${restart.stopMs} ms, start ${restart.startMs} ms); ` +
        `${row.state} ${secondsSince(t)} s after the start, attempts ${row.attempts}; ${await recoveryPath(run.runId, worker)}`,
    );
    expect(row.state, `${row.message ?? ""}\n${worker.output()}`).toBe("succeeded");
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    await expectSameAsReference(run);
    await endWorker(worker, pid);
  });

  it("C: restarted while the worker is idle, the same worker then takes and finishes a new run exactly", { timeout: 240_000 }, async () => {
    const worker = startWorker();
    const pid = worker.pid;
    await waitForOutput(worker, "worker ready", 60_000);
    // Its pooled connections sit idle: every one is terminated by the restart.
    const restart = await pgd!.restart({ downMs: DOWN_MS });
    await sleep(1_500); // a few of its 1 s queue polls fail against the restarted cluster's first seconds, or succeed
    const run = await enqueueCaseRun();
    const t = performance.now();
    const row = await pollThroughOutage(run.runId, isTerminalRun, FINISH_TIMEOUT_MS, worker);
    report.push(`C: idle restart (stop ${restart.stopMs} ms, start ${restart.startMs} ms); new run ${row.state} in ${secondsSince(t)} s, attempts ${row.attempts}`);
    expect(row.state, `${row.message ?? ""}\n${worker.output()}`).toBe("succeeded");
    expect(row.attempts).toBe(1);
    await expectSameAsReference(run);
    await endWorker(worker, pid);
  });
});
