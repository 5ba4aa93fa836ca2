// `npm run bench:scale [-- --sizes 1000000,5000000,10000000] [--runs 50]`
// Issue #9's scaling curve: how ingest and query costs grow with the case on one machine. Runs
// bench:query (a fresh embedded PostgreSQL, the amplified archive ingested, every query kind timed) once
// per size, each in its own process, and prints one table: ingest seconds and events/s, rollup seconds,
// database size, and the p95 of each query kind, with the growth factor against the smallest size.
// A measurement, not a test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

type Figures = { events: number; ingestSeconds: number; rollupSeconds: number; databaseBytes: number; stats: { name: string; p95: number; median: number }[] };

const { values } = parseArgs({ options: { sizes: { type: "string", default: "1000000,5000000,10000000" }, runs: { type: "string", default: "50" } } });
const sizes = values.sizes.split(",").map(Number);
const dir = mkdtempSync(path.join(os.tmpdir(), "trailbench-scale-"));
const results: Figures[] = [];
for (const size of sizes) {
  const out = path.join(dir, `${size}.json`);
  process.stdout.write(`\n=== ${size.toLocaleString("en")} events ===\n`);
  execFileSync(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bench-query.ts"), "--events", String(size), "--runs", values.runs, "--skip-duckdb", "--skip-free-text", "--json-out", out],
    { stdio: "inherit" },
  );
  results.push(JSON.parse(readFileSync(out, "utf8")) as Figures);
}

const base = results[0]!;
const kinds = base.stats.filter((s) => !s.name.startsWith("(info)") || s.name.includes("count") || s.name.includes("facets")).map((s) => s.name);
const cell = (v: number, b: number, unit: string) => `${v.toFixed(v < 10 ? 2 : 0)} ${unit} (${(v / b).toFixed(1)}x)`;
process.stdout.write(`\nscaling (growth against ${base.events.toLocaleString("en")} events in brackets)\n`);
const row = (label: string, f: (r: Figures) => string) => process.stdout.write(`${label.padEnd(46)}${results.map((r) => f(r).padEnd(24)).join("")}\n`);
row("events", (r) => `${r.events.toLocaleString("en")} (${(r.events / base.events).toFixed(1)}x)`);
row("ingest", (r) => cell(r.ingestSeconds, base.ingestSeconds, "s"));
row("ingest rate", (r) => `${Math.round(r.events / r.ingestSeconds).toLocaleString("en")} ev/s`);
row("rollups rebuild", (r) => cell(r.rollupSeconds, base.rollupSeconds, "s"));
row("database size", (r) => cell(r.databaseBytes / 1024 ** 3, base.databaseBytes / 1024 ** 3, "GiB"));
for (const k of kinds) {
  const b = base.stats.find((s) => s.name === k)!.p95;
  row(`p95 ${k}`, (r) => {
    const s = r.stats.find((x) => x.name === k);
    return s ? cell(s.p95, b, "ms") : "–";
  });
}
