// `bench:ingest -- --in-worker`: the queued ingest run is done by the real worker process (started as
// `npm run worker` starts it, with the ingest's malloc settings), not in the benchmark's own process, and
// the worker's resident memory is read from /proc while the run lasts: the production process, with every
// job handler loaded, measured against the 500 MB bar.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getPool } from "@/lib/db/client";
import { WorkerProcess } from "@/lib/testing/crash/worker-process";

const FINAL = new Set(["succeeded", "failed", "cancelled"]);

async function rssMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  const kb = status === null ? null : /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

export async function ingestInWorker(opts: {
  databaseUrl: string;
  ingestRunId: string;
  memoryEvery: number;
}): Promise<{ seconds: number; state: string; idleRssMb: number; peakRssMb: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "trailbench-bench-worker-"));
  const worker = WorkerProcess.start({ databaseUrl: opts.databaseUrl, dataDir, logLevel: "warn" });
  const pid = worker.child.pid!;
  let idleRssMb = 0;
  let peakRssMb = 0;
  let printedAt = 0;
  const started = performance.now();
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const rss = await rssMb(pid);
      if (rss === null) throw new Error(`the worker process ended during the benchmark:\n${worker.output()}`);
      const { rows } = await getPool().query<{ state: string }>(`SELECT state FROM ingest_runs WHERE id = $1`, [opts.ingestRunId]);
      const state = rows[0]?.state ?? "missing";
      if (state === "queued") idleRssMb = rss; // the worker up and waiting: the baseline
      else peakRssMb = Math.max(peakRssMb, rss);
      const at = (performance.now() - started) / 1000;
      if (opts.memoryEvery > 0 && at - printedAt >= opts.memoryEvery) {
        printedAt = at;
        process.stdout.write(`  ${at.toFixed(0)} s: worker RSS ${rss} MB (run ${state})\n`);
      }
      if (FINAL.has(state)) break;
    }
    const { rows } = await getPool().query<{ state: string; seconds: number }>(
      `SELECT state, extract(epoch FROM finished_at - started_at)::float8 AS seconds FROM ingest_runs WHERE id = $1`,
      [opts.ingestRunId],
    );
    return { seconds: rows[0]!.seconds, state: rows[0]!.state, idleRssMb, peakRssMb };
  } finally {
    await worker.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
