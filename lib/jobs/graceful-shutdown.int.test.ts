// Graceful shutdown of the worker (issue #9, operations): SIGTERM mid-ingest. The real worker process
// (`node --import tsx lib/jobs/worker.ts`) must stop taking jobs, let the running ingest commit what it
// has parsed and pause it (state "queued" with a fresh queue job, its lock released), close its pools and
// exit 0 within its bound; a restarted worker then finishes the run with exactly the counts an
// uninterrupted ingest has (computed independently by the evidence builder). The job lifecycle is in the
// worker's JSON log lines.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { env } from "@/lib/env.js";
import { buildCrashEvidence, type CrashEvidence } from "@/lib/testing/crash/crash-evidence";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/lib/testing/crash/isolated-database";
import { consistencyProblems, expectedRunColumns, isTerminalRun, pollRun, runOutcome, waitForRunLockFree } from "@/lib/testing/crash/run-outcome";
import { killAllWorkers, WorkerProcess } from "@/lib/testing/crash/worker-process";
import { enqueuePathRun } from "@/lib/testing/crash/enqueue-path-run";

const LABEL = "evidence";
// The worker's own bound is 13 s (lib/jobs/worker.ts SHUTDOWN_LIMIT_MS); a graceful stop must beat it.
const EXIT_WITHIN_MS = 12_000;

type LogLine = Record<string, unknown> & { msg: string };

function logLines(output: string): LogLine[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine);
}

async function jobStates(runId: string): Promise<string[]> {
  const { rows } = await getPool().query<{ state: string }>(
    `SELECT state::text AS state FROM pgboss.job WHERE name = 'ingest' AND data->>'ingestRunId' = $1 ORDER BY created_on, id`,
    [runId],
  );
  return rows.map((r) => r.state);
}

describe("worker graceful shutdown: SIGTERM mid-ingest, then restart", () => {
  let isolated: IsolatedDatabase;
  let evidence: CrashEvidence;

  beforeAll(async () => {
    isolated = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_shutdown");
    await closeDb();
    setDatabaseUrl(isolated.url);
    await prepareDatabase(isolated.url);
    // Many small files: a commit batch is 25,000 rows (500 of these files), so when the first batch is
    // committed the walk is at most two batches and the in-flight files ahead, well short of the end.
    evidence = await buildCrashEvidence({ files: 2_000, recordsPerFile: 50, duplicatesPerFile: 2, label: LABEL });
  }, 120_000);

  afterAll(async () => {
    await killAllWorkers();
    await closeDb();
    setDatabaseUrl(inject("databaseUrl"));
    await isolated?.drop().catch(() => undefined);
    if (evidence) await rm(evidence.dir, { recursive: true, force: true });
  });

  it("pauses the run resumably, exits 0 in time, and a new worker finishes it with exact counts", { timeout: 180_000 }, async () => {
    const { caseId, runId } = await enqueuePathRun(evidence.dir, LABEL);
    const total = evidence.leafCount;

    // 1. A worker starts the ingest; SIGTERM as soon as its first batch of files is committed.
    const first = WorkerProcess.start({ databaseUrl: isolated.url, dataDir: env.TRAILBENCH_DATA_DIR, logLevel: "info" });
    const seen = await pollRun(runId, (r) => isTerminalRun(r) || (r.state === "running" && r.files_done > 0), {
      timeoutMs: 90_000,
      intervalMs: 10,
      describe: () => first.output(),
    });
    expect(seen.state, `the run must still be running at the SIGTERM\n${first.output()}`).toBe("running");
    expect(seen.files_done).toBeLessThan(total / 2);
    const t0 = performance.now();
    const status = await first.stop(20_000);
    const exitMs = performance.now() - t0;
    expect(status, `worker exit after SIGTERM\n${first.output()}`).toEqual({ code: 0, signal: null });
    expect(exitMs, `exited ${Math.round(exitMs)} ms after SIGTERM`).toBeLessThan(EXIT_WITHIN_MS);

    // 2. Left resumable: queued (not "running"), partly and consistently committed, its lock free, one new job waiting.
    const paused = await pollRun(runId, () => true, { timeoutMs: 1_000 });
    expect(paused.state).toBe("queued");
    expect(paused.message).toBe("Paused: the worker stopped; the run resumes where it left off when a worker runs.");
    expect(paused.files_done).toBeGreaterThanOrEqual(seen.files_done);
    expect(paused.files_done).toBeLessThan(total);
    expect(paused.attempts).toBe(1);
    expect(await consistencyProblems(caseId, runId)).toEqual([]);
    expect(await waitForRunLockFree(runId, 1_000)).toBeLessThan(1_000);
    expect(await jobStates(runId)).toEqual(["completed", "created"]);
    console.info(`graceful shutdown: SIGTERM at ${seen.files_done}/${total} files committed; exit 0 after ${Math.round(exitMs)} ms with ${paused.files_done}/${total} committed`);

    // The lifecycle, as JSON log lines with the run id and durations.
    const lines = logLines(first.output());
    const mine = lines.filter((l) => l.ingestRunId === runId);
    expect(mine.find((l) => l.msg === "job started")).toMatchObject({ level: "info", process: "worker", job: "ingest", attempt: 1 });
    expect(mine.find((l) => l.msg === "ingest paused for the worker's shutdown")).toMatchObject({ level: "info", filesDone: paused.files_done });
    const finished = mine.find((l) => l.msg === "job finished");
    expect(finished).toMatchObject({ level: "info", job: "ingest", attempt: 1, duringShutdown: true });
    expect(typeof finished?.durationMs).toBe("number");
    expect(lines.find((l) => l.msg === "worker stopping")).toMatchObject({ signal: "SIGTERM", graceMs: 10_000 });
    expect(lines.find((l) => l.msg === "worker stopped")).toMatchObject({ signal: "SIGTERM" });
    expect(lines.filter((l) => l.level === "error")).toEqual([]);

    // 3. A new worker takes the queued job and finishes the run: exactly what an uninterrupted ingest gives.
    const second = WorkerProcess.start({ databaseUrl: isolated.url, dataDir: env.TRAILBENCH_DATA_DIR, logLevel: "info" });
    const done = await pollRun(runId, isTerminalRun, { timeoutMs: 120_000, intervalMs: 100, describe: () => second.output() });
    expect(done.state, done.message ?? "").toBe("succeeded");
    expect(done.attempts).toBe(2);
    const outcome = await runOutcome(caseId, runId);
    const x = evidence.expected.counters;
    expect(outcome.counters).toEqual({ state: "succeeded", ...expectedRunColumns(x) });
    expect(outcome.files).toEqual([...evidence.expected.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
    expect(outcome.eventRows).toBe(x.inserted);
    expect(outcome.caseEventCount).toBe(x.inserted);
    expect(await consistencyProblems(caseId, runId)).toEqual([]);
    // Resumed by its own queued job, not by the orphan recovery (nothing was left "running").
    expect(second.output()).not.toContain("re-queued interrupted ingest runs");
    expect(await jobStates(runId)).toEqual(["completed", "completed"]);

    // Stopped now, the worker is likely busy with the derived jobs the ingest queued (rollups, baselines,
    // detections over 100k events), which cannot checkpoint: they get the grace period, are then failed
    // back to the queue for a retry, and the worker still exits 0 within its bound, leaving no job "active".
    const t1 = performance.now();
    expect(await second.stop(20_000), second.output()).toEqual({ code: 0, signal: null });
    expect(performance.now() - t1).toBeLessThan(EXIT_WITHIN_MS + 2_000);
    const { rows: active } = await getPool().query<{ name: string }>(`SELECT name FROM pgboss.job WHERE state = 'active'`);
    expect(active, second.output()).toEqual([]);
    expect(logLines(second.output()).filter((l) => l.level === "error")).toEqual([]);
  });

  it("an idle worker stops at once on SIGTERM, exit 0", { timeout: 60_000 }, async () => {
    const idle = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_shutdown_idle");
    try {
      const worker = WorkerProcess.start({ databaseUrl: idle.url, dataDir: env.TRAILBENCH_DATA_DIR, logLevel: "info" });
      const deadline = performance.now() + 45_000;
      while (!worker.output().includes('"worker ready"')) {
        if (worker.hasExited() || performance.now() > deadline) throw new Error(`the worker did not get ready\n${worker.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const t0 = performance.now();
      expect(await worker.stop(20_000), worker.output()).toEqual({ code: 0, signal: null });
      expect(performance.now() - t0).toBeLessThan(3_000);
      expect(logLines(worker.output()).map((l) => l.msg).slice(-2)).toEqual(["worker stopping", "worker stopped"]);
    } finally {
      await idle.drop().catch(() => undefined);
    }
  });
});
