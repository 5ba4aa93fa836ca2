// `npm run bench:ingest [-- --events 1000000] [--archive DIR] [--skip-duckdb]`
// Builds (or reuses) an S3-layout archive of real events amplified by ../shared/bench/amplify-corpus.mjs,
// ingests it end to end into a fresh case (walk, hash, store verbatim, gunzip, parse, normalise, COPY,
// de-duplicate, index) on a throw-away embedded PostgreSQL (or BENCH_DATABASE_URL), and loads the same
// archive with DuckDB for comparison. Prints events/s, peak RSS of this (the ingest) process, and the
// ratios to DuckDB and to the 60,000 events/s target. A measurement, not a test: it never fails on speed.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { ensureEmbeddedPostgres } from "@/lib/launcher/embedded-postgres";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { benchEnv } from "@/lib/bench/bench-env";
import { loadWithDuckDb } from "@/lib/bench/load-with-duckdb";

const TARGET = 60_000;
const { values } = parseArgs({
  options: { events: { type: "string", default: "1000000" }, archive: { type: "string" }, "skip-duckdb": { type: "boolean", default: false } },
});
const events = Number(values.events);
const archive = values.archive ?? path.join(os.tmpdir(), `trailbench-bench-${events}`);
const amplify = path.resolve(import.meta.dirname, "../../../shared/bench/amplify-corpus.mjs");

if (!existsSync(archive)) {
  if (!existsSync(amplify)) throw new Error(`No archive at ${archive} and no ${amplify} to build one (needs ../shared).`);
  process.stdout.write(`building a ${events}-event archive in ${archive}…\n`);
  execFileSync(process.execPath, [amplify, "--events", String(events), "--out", archive], { stdio: "inherit" });
}

let stopDb = async () => undefined as void;
let url = benchEnv().BENCH_DATABASE_URL;
if (!url) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-bench-pg-"));
  await chmod(dir, 0o755);
  const db = await ensureEmbeddedPostgres({ dataDir: dir, port: 54600 });
  url = db.url;
  stopDb = async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
try {
  setDatabaseUrl(url);
  await prepareDatabase(url);
  const lead = await seedUser();
  const c = await seedCase(lead, { name: "bench" });
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "bench", sourcePath: archive });
  const peak = { heapUsed: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], m[k]);
  }, 250);
  const t0 = performance.now();
  await runIngest(ingestRunId);
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  const { rows } = await getPool().query<{ n: string; state: string; inserted: number }>(
    `SELECT (SELECT count(*) FROM events WHERE case_id = $1)::text AS n, state, inserted FROM ingest_runs WHERE id = $2`,
    [c.id, ingestRunId],
  );
  const stored = Number(rows[0]?.n);
  const rate = Math.round(stored / seconds);
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    `\nTrailbench ingest: ${stored} events (${rows[0]?.state}) in ${seconds.toFixed(1)} s = ${rate} events/s; peak RSS ${rssMb} MB; ` +
      `target ${TARGET} events/s: ${(rate / TARGET).toFixed(2)}x\n` +
      `  memory peaks (MB): ${Object.entries(peak).map(([k, v]) => `${k} ${Math.round(v / 1048576)}`).join(", ")}\n`,
  );
  if (!values["skip-duckdb"]) {
    const duck = await loadWithDuckDb(archive);
    process.stdout.write(
      `DuckDB read_json (same archive, ~12 key columns, no dedupe, no evidence store): ${duck.events} events in ${duck.seconds.toFixed(1)} s = ${Math.round(duck.events / duck.seconds)} events/s\n` +
        `ratio Trailbench / DuckDB: ${(rate / (duck.events / duck.seconds)).toFixed(2)}\n`,
    );
  }
} finally {
  await closeDb();
  await stopDb();
}
