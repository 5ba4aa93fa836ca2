// ARCHITECTURE.md, "Ingest job lifecycle" §4: kill -9 of the worker at any moment, then restart: the run
// resumes (orphan recovery at the worker's start re-queues it; committed files are skipped) and ends with
// exactly the rows and counts of an uninterrupted run. Proven here with the real worker process
// (`node --import tsx lib/jobs/worker.ts`) killed with SIGKILL mid-ingest, against a reference run of the
// same evidence ingested in-process without interruption, and against the outcome the evidence builder
// computes on its own (first delivery of an eventID in walk order is kept, later ones are duplicates).
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { env } from "@/lib/env.js";
import { runIngest } from "@/lib/ingest/run-ingest";
import { buildCrashEvidence, type CrashEvidence } from "@/lib/testing/crash/crash-evidence";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/lib/testing/crash/isolated-database";
import {
  consistencyProblems,
  diffCaseEvents,
  isCommitBatchStatement,
  evidenceReadFailures,
  expectedRunColumns,
  isTerminalRun,
  keptDeliveries,
  openTransactions,
  pollRun,
  readRun,
  runOutcome,
  waitForRunLockFree,
  type RunOutcome,
  type RunRow,
} from "@/lib/testing/crash/run-outcome";
import { killAllWorkers, WorkerProcess } from "@/lib/testing/crash/worker-process";
import { enqueuePathRun, type QueuedRun } from "@/lib/testing/crash/enqueue-path-run";

const LABEL = "evidence";
const GOOD_FILES = 400;
const RECORDS_PER_FILE = 250;
const DUPLICATES_PER_FILE = 13; // ≈5% of the records are a second delivery of an eventID
const KILL_POINT_TIMEOUT_MS = 60_000;
const FINISH_TIMEOUT_MS = 90_000;
const LOCK_RELEASE_TIMEOUT_MS = 10_000;

type Ran = QueuedRun;
type KillRecord = { observedFilesDone: number; committedAtKill: number; runningMsBeforeKill: number; lockFreeMs: number; atKill: string[]; committedBeforeKill: number };

let isolated: IsolatedDatabase | undefined;
let evidence: CrashEvidence;
let reference: Ran & { outcome: RunOutcome };
const report: string[] = [];
const t0 = performance.now();
const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

const enqueueCaseRun = () => enqueuePathRun(evidence.dir, LABEL);

function startWorker(): WorkerProcess {
  return WorkerProcess.start({ databaseUrl: isolated!.url, dataDir: env.TRAILBENCH_DATA_DIR });
}

/**
 * Starts a worker, waits until `killAt(files committed, ms since the run was seen running)` holds (and,
 * with `inCommit`, until the worker's commitBatch transaction is at a statement it matches), and kills it
 * with SIGKILL.
 * Checks the state the kill leaves behind: still "running", not finished (and partly committed unless
 * `noneCommitted`), internally consistent, and the run's advisory lock released by PostgreSQL.
 */
async function startAndKill(
  run: Ran,
  killAt: (filesDone: number, msRunning: number) => boolean,
  opts: { inCommit?: RegExp; noneCommitted?: boolean } = {},
): Promise<KillRecord> {
  const worker = startWorker();
  let runningSince: number | null = null;
  try {
    const msRunning = () => (runningSince === null ? 0 : performance.now() - runningSince);
    const seen = await pollRun(run.runId, (r) => isTerminalRun(r) || (r.state === "running" && killAt(r.files_done, msRunning())), {
      timeoutMs: KILL_POINT_TIMEOUT_MS,
      intervalMs: 10,
      describe: () => worker.output(),
      onRow: (r) => void (r.state === "running" && runningSince === null && (runningSince = performance.now())),
    });
    if (isTerminalRun(seen)) throw new Error(`the run ended (${seen.state}) before the kill point; worker output:\n${worker.output()}`);
    let atKill = await openTransactions();
    if (opts.inCommit) {
      const deadline = performance.now() + KILL_POINT_TIMEOUT_MS;
      while (!atKill.some((d) => isCommitBatchStatement(d) && opts.inCommit!.test(d))) {
        const r = await readRun(run.runId);
        if (isTerminalRun(r) || performance.now() > deadline) throw new Error(`no commit transaction seen before the run ended (${r.state})`);
        atKill = await openTransactions();
      }
    }
    const committedBeforeKill = (await readRun(run.runId)).files_done;
    const killedAt = performance.now();
    const status = await worker.kill9();
    expect(status.signal, `worker exit: ${JSON.stringify(status)}\n${worker.output()}`).toBe("SIGKILL");

    const after = await readRun(run.runId);
    expect(after.state, "a killed worker leaves its run running (orphan recovery's input)").toBe("running");
    if (opts.noneCommitted) expect(after.files_done).toBe(0);
    else expect(after.files_done).toBeGreaterThan(0);
    expect(after.files_done).toBeLessThan(evidence.leafCount);
    // A file is committed entirely or not at all, whenever the kill lands.
    expect(await consistencyProblems(run.caseId, run.runId)).toEqual([]);
    const lockFreeMs = await waitForRunLockFree(run.runId, LOCK_RELEASE_TIMEOUT_MS);
    return {
      observedFilesDone: seen.files_done,
      committedAtKill: after.files_done,
      runningMsBeforeKill: Math.round(killedAt - (runningSince ?? killedAt)),
      lockFreeMs: Math.round(lockFreeMs),
      atKill,
      committedBeforeKill,
    };
  } finally {
    await worker.kill9().catch(() => undefined);
  }
}

/** A new worker process: its start-up orphan recovery must re-queue the run and finish it. */
async function restartUntilDone(run: Ran): Promise<{ row: RunRow; seconds: string; recoveryLogged: boolean }> {
  const worker = startWorker();
  const t = performance.now();
  try {
    const row = await pollRun(run.runId, isTerminalRun, { timeoutMs: FINISH_TIMEOUT_MS, intervalMs: 100, describe: () => worker.output() });
    // The worker logs (at warn) the runs its orphan recovery re-queued.
    const recoveryLogged = worker
      .output()
      .split("\n")
      .some((line) => line.includes("re-queued interrupted ingest runs") && line.includes(run.runId));
    const stopped = await worker.stop();
    expect(stopped, `the worker stops on SIGTERM\n${worker.output()}`).toEqual({ code: 0, signal: null });
    return { row, seconds: secondsSince(t), recoveryLogged };
  } finally {
    await worker.kill9().catch(() => undefined);
  }
}

/** The run's pg-boss jobs by state (e.g. the killed attempt's job stays "active" until it expires). */
async function jobStates(runId: string): Promise<string> {
  const { rows } = await getPool().query<{ state: string; n: number }>(
    `SELECT state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = 'ingest' AND data->>'ingestRunId' = $1 GROUP BY 1 ORDER BY 1`,
    [runId],
  );
  return rows.map((r) => `${r.n} ${r.state}`).join(", ");
}

/** Every stored evidence file of the run reads back byte for byte (readEvidenceFile checks the sha256). */
async function expectEvidenceReadsBack(runId: string): Promise<void> {
  const { files, failures } = await evidenceReadFailures(env.TRAILBENCH_DATA_DIR, { runId });
  expect(failures.slice(0, 10), `${failures.length} of ${files} evidence files do not read back`).toEqual([]);
  expect(files).toBe(evidence.leafCount);
}

/** The crashed run ended with exactly the reference run's rows and counts. */
async function expectSameAsReference(run: Ran): Promise<void> {
  const outcome = await runOutcome(run.caseId, run.runId);
  expect(outcome.counters).toEqual(reference.outcome.counters);
  expect(outcome.problems).toEqual(reference.outcome.problems);
  expect(outcome.files).toEqual(reference.outcome.files);
  const diff = await diffCaseEvents(reference.caseId, run.caseId);
  expect(diff, "events differing from the uninterrupted run (missing: only there; extra: only here)").toEqual({ missing: 0, extra: 0, samples: [] });
  expect(outcome.eventRows).toBe(reference.outcome.eventRows);
  expect(outcome.caseEventCount).toBe(outcome.eventRows);
  expect(await consistencyProblems(run.caseId, run.runId)).toEqual([]);
  await expectEvidenceReadsBack(run.runId);
}

describe("ingest crash recovery: kill -9 of the worker process, then restart", () => {
  beforeAll(async () => {
    isolated = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_crash");
    await closeDb();
    setDatabaseUrl(isolated.url);
    await prepareDatabase(isolated.url);

    let t = performance.now();
    evidence = await buildCrashEvidence({ files: GOOD_FILES, recordsPerFile: RECORDS_PER_FILE, duplicatesPerFile: DUPLICATES_PER_FILE, label: LABEL });
    report.push(`evidence: ${evidence.leafCount} files, ${evidence.expected.counters.records} records, built in ${secondsSince(t)} s`);

    // Case A, the reference: the same evidence ingested in-process without interruption.
    t = performance.now();
    const ran = await enqueueCaseRun();
    expect(await runIngest(ran.runId)).toBe("done");
    reference = { ...ran, outcome: await runOutcome(ran.caseId, ran.runId) };
    report.push(`A (uninterrupted, in-process): ${secondsSince(t)} s`);
  }, 120_000);

  afterAll(async () => {
    await killAllWorkers();
    await closeDb();
    setDatabaseUrl(inject("databaseUrl"));
    await isolated?.drop().catch(() => undefined);
    if (evidence) await rm(evidence.dir, { recursive: true, force: true });
    report.push(`total ${secondsSince(t0)} s`);
    console.info(`crash-recovery timings:\n  ${report.join("\n  ")}`);
  });

  it("A: the uninterrupted run ingests the evidence exactly (the reference the crashed runs must equal)", async () => {
    const { outcome } = reference;
    expect(outcome.counters).toEqual({ state: "succeeded", ...expectedRunColumns(evidence.expected.counters) });
    expect(outcome.files).toEqual(
      [...evidence.expected.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    );
    expect(outcome.problems.map((p) => p.slice(0, p.indexOf(": ")))).toEqual([...evidence.corruptPaths].sort());
    expect(outcome.eventRows).toBe(evidence.expected.counters.inserted);
    expect(outcome.caseEventCount).toBe(outcome.eventRows);
    // Each eventID is kept once, from its first delivery in walk order.
    const kept = await keptDeliveries(reference.caseId);
    const wrong = [...evidence.expected.kept].filter(([id, at]) => {
      const got = kept.get(id);
      return !got || got.path !== at.path || got.position !== at.position;
    });
    expect(wrong.slice(0, 5), `${wrong.length} eventIDs not kept from their first delivery`).toEqual([]);
    expect(kept.size).toBe(evidence.expected.kept.size);
    expect(await consistencyProblems(reference.caseId, reference.runId)).toEqual([]);
    await expectEvidenceReadsBack(reference.runId);
  });

  it("B: killed once mid-run (20–60% of the files committed), a new worker finishes it with the same rows", { timeout: 150_000 }, async () => {
    const run = await enqueueCaseRun();
    const total = evidence.leafCount;
    const kill = await startAndKill(run, (done) => done >= total * 0.2 && done <= total * 0.6);
    const finish = await restartUntilDone(run);
    report.push(
      `B: killed after ${kill.runningMsBeforeKill} ms running with ${kill.committedAtKill}/${total} files committed ` +
        `(lock free ${kill.lockFreeMs} ms after the kill); restart → ${finish.row.state} in ${finish.seconds} s; jobs: ${await jobStates(run.runId)}`,
    );
    expect(finish.row.state, finish.row.message ?? "").toBe("succeeded");
    expect(finish.recoveryLogged, "the new worker's start-up orphan recovery re-queued the run").toBe(true);
    expect(finish.row.attempts).toBe(2);
    await expectSameAsReference(run);
  });

  it("C: killed twice at different points, a third worker finishes it with the same rows", { timeout: 150_000 }, async () => {
    const run = await enqueueCaseRun();
    const total = evidence.leafCount;
    // First kill: inside a later commit transaction, while its events are being written (COPY or the
    // de-duplicating INSERT in flight): the whole transaction must roll back.
    const first = await startAndKill(run, (done) => done > 0, { inCommit: /COPY events|INSERT INTO events/ });
    // Second kill: as soon as the resumed attempt has committed more than the first left.
    const second = await startAndKill(run, (done) => done > first.committedAtKill && done < total);
    const finish = await restartUntilDone(run);
    report.push(
      `C: kill 1 after ${first.runningMsBeforeKill} ms running, inside a commit [${first.atKill.join(" | ")}], ` +
        `with ${first.committedAtKill}/${total} committed (${first.committedBeforeKill} just before the kill; lock free ${first.lockFreeMs} ms); ` +
        `kill 2 after ${second.runningMsBeforeKill} ms with ${second.committedAtKill}/${total} (lock free ${second.lockFreeMs} ms); ` +
        `restart → ${finish.row.state} in ${finish.seconds} s; jobs: ${await jobStates(run.runId)}`,
    );
    expect(second.committedAtKill).toBeGreaterThan(first.committedAtKill);
    expect(finish.row.state, finish.row.message ?? "").toBe("succeeded");
    expect(finish.recoveryLogged, "the new worker's start-up orphan recovery re-queued the run").toBe(true);
    expect(finish.row.attempts).toBe(3);
    await expectSameAsReference(run);
  });

  it("D: killed before its first commit (files being parsed and packed, nothing committed), a new worker redoes it with the same rows", { timeout: 120_000 }, async () => {
    const run = await enqueueCaseRun();
    const total = evidence.leafCount;
    const kill = await startAndKill(run, (done, msRunning) => done === 0 && msRunning >= 400, { noneCommitted: true });
    const finish = await restartUntilDone(run);
    report.push(
      `D: killed after ${kill.runningMsBeforeKill} ms running with ${kill.committedAtKill}/${total} committed (lock free ${kill.lockFreeMs} ms); ` +
        `restart → ${finish.row.state} in ${finish.seconds} s`,
    );
    expect(finish.row.state, finish.row.message ?? "").toBe("succeeded");
    expect(finish.recoveryLogged, "the new worker's start-up orphan recovery re-queued the run").toBe(true);
    expect(finish.row.attempts).toBe(2);
    await expectSameAsReference(run);
  });
});
