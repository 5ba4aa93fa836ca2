// `npm run bench:detect [-- --events 1000000] [--archive DIR] [--runs 3] [--increment 10000]`
// Issue #6's bar: detections over 1,000,000 events in ≤ 30 s, incremental on new events after that.
// Loads the amplified archive (like bench:ingest), computes the baselines with an incident window in
// the middle of the data (the rules read deviations), then times the full detection run (every built-in
// rule, and the Sigma rules of TRAILBENCH_SIGMA_DIR when set) `runs` times, printing each run, the
// median and the findings. Then adds `increment` new events in one new evidence file (the case's latest
// calls again, a day later, under new event ids: the next delivery of the same activity), recomputes
// the baselines as the worker would, and times the incremental run; a full run over the same events
// follows and the two sets of findings are compared. A measurement, not a test: it never fails on speed.
import { parseArgs } from "node:util";
import { computeBaselines } from "@/lib/baselines/compute-baselines";
import { benchCaseWithIngest, ensureArchive, openBenchDatabase, runIngest } from "@/lib/bench/bench-setup";
import { closeDb, getPool } from "@/lib/db/client";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    archive: { type: "string" },
    runs: { type: "string", default: "3" },
    increment: { type: "string", default: "10000" },
  },
});
const events = Number(values.events);
const runs = Math.max(1, Number(values.runs));
const increment = Math.max(0, Number(values.increment));
const TARGET_S = 30;

const archive = ensureArchive(events, values.archive ?? (events === 1_000_000 ? "/tmp/trail-1m" : undefined));
const db = await openBenchDatabase(54630);
try {
  const { scope, caseId, ingestRunId } = await benchCaseWithIngest(archive, "bench-detect");
  const t0 = performance.now();
  await runIngest(ingestRunId);
  await getPool().query("ANALYZE events");
  const { rows } = await getPool().query<{ n: string; min: Date; max: Date }>(
    "SELECT count(*)::text AS n, min(event_time) AS min, max(event_time) AS max FROM events WHERE case_id = $1",
    [caseId],
  );
  const r = rows[0]!;
  const mid = new Date((r.min.getTime() + r.max.getTime()) / 2);
  await getPool().query("UPDATE cases SET window_start = $2 WHERE id = $1", [caseId, mid]);
  await computeBaselines(scope);
  process.stdout.write(`loaded ${r.n} events in ${((performance.now() - t0) / 1000).toFixed(1)} s; incident window from ${mid.toISOString()}, baselines computed\n`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Full each time: a second run over unchanged evidence would be "unchanged" (nothing to read).
    const summary = await unsafeRunCaseDetections(caseId, { full: true });
    times.push(summary.ms / 1000);
    process.stdout.write(
      `run ${i + 1}: ${(summary.ms / 1000).toFixed(2)} s — ${summary.builtinRules} built-in + ${summary.sigmaRules} Sigma rules (${summary.sigmaSkipped} skipped), ${summary.eventsRead} events read, ${summary.findings} findings (${summary.created} new, ${summary.updated} updated, ${summary.removed} removed)\n`,
    );
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  process.stdout.write(`detections over ${r.n} events: median ${median.toFixed(2)} s over ${runs} runs; target ≤ ${TARGET_S} s: ${median <= TARGET_S ? "met" : "NOT met"}\n`);
  const { rows: found } = await getPool().query<{ rule_id: string; n: string; events: string }>(
    "SELECT rule_id, count(*)::text AS n, sum(event_count)::text AS events FROM findings WHERE case_id = $1 GROUP BY 1 ORDER BY 1",
    [caseId],
  );
  for (const f of found) process.stdout.write(`  ${f.rule_id.padEnd(48)} ${f.n.padStart(5)} findings ${f.events.padStart(8)} events\n`);
  if (increment > 0) await measureIncrement(caseId, scope, increment);
} finally {
  await closeDb();
  await db.stop();
}

/** Adds `n` new events in one new evidence file, then times the incremental run against a full one. */
async function measureIncrement(caseId: string, scope: Parameters<typeof computeBaselines>[0], n: number): Promise<void> {
  const pool = getPool();
  const run = await pool.query<{ id: string }>(
    `INSERT INTO ingest_runs (case_id, origin, source_kind, source_label, state) VALUES ($1, 'cli', 'path', 'bench increment', 'succeeded') RETURNING id`,
    [caseId],
  );
  const file = await pool.query<{ id: string }>(
    `INSERT INTO evidence_files (case_id, ingest_run_id, path, kind, format, records, inserted) VALUES ($1, $2, 'bench/increment.json', 'events', 'records', $3, $3) RETURNING id`,
    [caseId, run.rows[0]!.id, n],
  );
  const { rows: cols } = await pool.query<{ c: string }>(
    `SELECT quote_ident(column_name) AS c FROM information_schema.columns WHERE table_name = 'events' AND column_name NOT IN ('event_id', 'event_time', 'evidence_file_id') ORDER BY ordinal_position`,
  );
  const list = cols.map((c) => c.c).join(", ");
  const inserted = await pool.query(
    `INSERT INTO events (event_id, event_time, evidence_file_id, ${list})
     SELECT event_id || ':next', event_time + interval '1 day', $2, ${list}
       FROM (SELECT * FROM events WHERE case_id = $1 AND event_time IS NOT NULL ORDER BY event_time DESC LIMIT $3) latest`,
    [caseId, file.rows[0]!.id, n],
  );
  await pool.query(`UPDATE cases SET event_count = event_count + $2, evidence_file_count = evidence_file_count + 1 WHERE id = $1`, [caseId, inserted.rowCount]);
  const b0 = performance.now();
  await computeBaselines(scope);
  const baselinesS = (performance.now() - b0) / 1000;
  const inc = await unsafeRunCaseDetections(caseId);
  const before = await findingTotals(caseId);
  const full = await unsafeRunCaseDetections(caseId, { full: true });
  const after = await findingTotals(caseId);
  process.stdout.write(
    `increment of ${inserted.rowCount} events: baselines ${baselinesS.toFixed(2)} s, ${inc.mode} detection run ${(inc.ms / 1000).toFixed(2)} s ` +
      `(${inc.eventsRead} events read, ${inc.findings} findings touched: ${inc.created} new, ${inc.updated} updated, ${inc.removed} removed); ` +
      `full run over the same events ${(full.ms / 1000).toFixed(2)} s; findings equal: ${before === after ? "yes" : "NO"}\n`,
  );
}

/** Every finding's key, count and event ids, as one string (what the incremental and the full run must agree on). */
async function findingTotals(caseId: string): Promise<string> {
  const { rows } = await getPool().query<{ t: string }>(
    `SELECT string_agg(rule_id || '|' || principal || '|' || failed_attempt || '|' || event_count || '|' ||
                       (SELECT string_agg(id, ',' ORDER BY id) FROM unnest(event_ids) id), E'\\n' ORDER BY rule_id, principal, failed_attempt) AS t
       FROM findings WHERE case_id = $1`,
    [caseId],
  );
  return rows[0]?.t ?? "";
}
