// `npm run bench:detect [-- --events 1000000] [--archive DIR] [--runs 3] [--sigma DIR]`
// Issue #6's bar: detections over 1,000,000 events in ≤ 30 s. Loads the amplified archive (like
// bench:ingest), computes the baselines with an incident window in the middle of the data (the rules
// read deviations), then times the full detection run (every built-in rule, and the Sigma rules of
// --sigma / TRAILBENCH_SIGMA_DIR when given) `runs` times, printing each run, the median and the
// findings. A measurement, not a test: it never fails on speed.
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
  },
});
const events = Number(values.events);
const runs = Math.max(1, Number(values.runs));
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
    const summary = await unsafeRunCaseDetections(caseId);
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
} finally {
  await closeDb();
  await db.stop();
}
