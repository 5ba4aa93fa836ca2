// `npm run bench:ingest [-- --events 1000000] [--archive DIR] [--skip-duckdb] [--compare-context] [--threads N] [--memory-every S] [--in-worker]`
// Builds (or reuses) an S3-layout archive of real events amplified by ../shared/bench/amplify-corpus.mjs,
// ingests it end to end into a fresh case (walk, hash, store verbatim, gunzip, parse, normalise, COPY,
// de-duplicate, index) on a throw-away embedded PostgreSQL (or BENCH_DATABASE_URL), and loads the same
// archive with DuckDB for comparison. Prints events/s, peak RSS of this (the ingest) process, and the
// ratios to DuckDB and to the 60,000 events/s target. A measurement, not a test: it never fails on speed.
import { parseArgs } from "node:util";
import { closeDb, getPool } from "@/lib/db/client";
import { benchCaseWithIngest, ensureArchive, openBenchDatabase, runIngest } from "@/lib/bench/bench-setup";
import { INGEST_ALLOCATOR_ENV, missingIngestAllocatorEnv } from "@/lib/env.js";
import { ingestInWorker } from "@/lib/bench/ingest-in-worker";

const TARGET = 60_000;
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    archive: { type: "string" },
    "skip-duckdb": { type: "boolean", default: false },
    "compare-context": { type: "boolean", default: false },
    // Parse threads (default: the worker's, min(4, cores)).
    threads: { type: "string" },
    // Print the process's memory every S seconds during the ingest (0: only the peaks at the end).
    "memory-every": { type: "string", default: "0" },
    // Let the real worker process do the ingest (ingest-in-worker.ts) and measure its RSS instead.
    "in-worker": { type: "boolean", default: false },
  },
});
const events = Number(values.events);
const threads = values.threads === undefined ? undefined : Number(values.threads);
const memoryEvery = Number(values["memory-every"]);
// The worker and `trailbench ingest` start with the ingest's malloc settings; so must the process measured.
const missing = missingIngestAllocatorEnv();
process.stdout.write(
  missing.length === 0
    ? `malloc settings: ${Object.keys(INGEST_ALLOCATOR_ENV).map((k) => `${k} set`).join(", ")} (as the worker)\n`
    : `WARNING: started without ${missing.join(", ")} (run it as \`npm run bench:ingest\`): peak RSS is not the worker's\n`,
);
const archive = ensureArchive(events, values.archive);
// --compare-context: first the same archive without the IP/tool context, on its own throw-away
// database (so neither run pays for the other's rows), to measure the enrichment's share of the ingest
// time in one go (issue #10: at most 10%).
let withoutContextSeconds: number | null = null;
if (values["compare-context"]) {
  const plainDb = await openBenchDatabase(54601);
  try {
    const plain = await benchCaseWithIngest(archive, "bench-without-context");
    const t = performance.now();
    await runIngest(plain.ingestRunId, { withoutContext: true });
    withoutContextSeconds = (performance.now() - t) / 1000;
  } finally {
    await closeDb();
    await plainDb.stop();
  }
}
const db = await openBenchDatabase(54600);
try {
  const { caseId, ingestRunId } = await benchCaseWithIngest(archive, "bench");
  if (values["in-worker"]) {
    const r = await ingestInWorker({ databaseUrl: db.url, ingestRunId, memoryEvery });
    const { rows } = await getPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM events WHERE case_id = $1`, [caseId]);
    const rate = Math.round(Number(rows[0]?.n) / r.seconds);
    process.stdout.write(
      `\nTrailbench ingest in the worker process: ${rows[0]?.n} events (${r.state}) in ${r.seconds.toFixed(1)} s = ${rate} events/s; ` +
        `worker RSS ${r.idleRssMb} MB idle, peak ${r.peakRssMb} MB during the run; target ${TARGET} events/s: ${(rate / TARGET).toFixed(2)}x\n`,
    );
  } else {
    const peak = { heapUsed: 0, external: 0, arrayBuffers: 0, rss: 0 };
    const started = performance.now();
    let printedAt = 0;
    const mb = (n: number) => Math.round(n / 1048576);
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], m[k]);
      const at = (performance.now() - started) / 1000;
      if (memoryEvery > 0 && at - printedAt >= memoryEvery) {
        printedAt = at;
        process.stdout.write(`  ${at.toFixed(0)} s: RSS ${mb(m.rss)} MB (heap ${mb(m.heapUsed)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)})\n`);
      }
    }, 250);
    // The process before the ingest (modules, database client, migrations run): the baseline of the peak below.
    process.stdout.write(`RSS before the ingest: ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`);
    const t0 = performance.now();
    await runIngest(ingestRunId, threads === undefined ? {} : { threads });
    clearInterval(sampler);
    const seconds = (performance.now() - t0) / 1000;
    const { rows } = await getPool().query<{ n: string; state: string; inserted: number }>(
      `SELECT (SELECT count(*) FROM events WHERE case_id = $1)::text AS n, state, inserted FROM ingest_runs WHERE id = $2`,
      [caseId, ingestRunId],
    );
    const stored = Number(rows[0]?.n);
    const rate = Math.round(stored / seconds);
    const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(
      `\nTrailbench ingest: ${stored} events (${rows[0]?.state}) in ${seconds.toFixed(1)} s = ${rate} events/s; peak RSS ${rssMb} MB; ` +
        `target ${TARGET} events/s: ${(rate / TARGET).toFixed(2)}x\n` +
        `  memory peaks (MB): ${Object.entries(peak).map(([k, v]) => `${k} ${Math.round(v / 1048576)}`).join(", ")}\n`,
    );
    if (withoutContextSeconds !== null) {
      const extra = (seconds / withoutContextSeconds - 1) * 100;
      process.stdout.write(
        `without the IP/tool context (run first, on its own database): ${withoutContextSeconds.toFixed(1)} s; ` +
          `the context adds ${extra.toFixed(1)}% (target ≤ 10%)\n`,
      );
    }
    if (!values["skip-duckdb"]) {
      // Loaded only now: DuckDB's native library (~30 MB RSS) is not part of the ingest process measured above.
      const { loadWithDuckDb } = await import("@/lib/bench/load-with-duckdb");
      const duck = await loadWithDuckDb(archive);
      process.stdout.write(
        `DuckDB read_json (same archive, ~12 key columns, no dedupe, no evidence store): ${duck.events} events in ${duck.seconds.toFixed(1)} s = ${Math.round(duck.events / duck.seconds)} events/s\n` +
          `ratio Trailbench / DuckDB: ${(rate / (duck.events / duck.seconds)).toFixed(2)}\n`,
      );
    }
  }
} finally {
  await closeDb();
  await db.stop();
}
