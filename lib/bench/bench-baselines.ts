// `npm run bench:baselines [-- --events 1000000] [--archive DIR] [--runs 3]`
// Issue #10's bar: identity baselines and deviations for 1M events in ≤ 10 s. Loads the amplified archive
// (like bench:ingest; the ingest itself computes the baselines once, without a window), sets an incident
// window starting in the middle of the data's time range (and then one at the median event), times
// computeBaselines `runs` times for each and prints each run, the median, the counts and the slow statements. A measurement, not a test: it never fails on speed.
import { parseArgs } from "node:util";
import { computeBaselines } from "@/lib/baselines/compute-baselines";
import { benchCaseWithIngest, ensureArchive, openBenchDatabase, runIngest } from "@/lib/bench/bench-setup";
import { closeDb, getPool } from "@/lib/db/client";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    archive: { type: "string" },
    runs: { type: "string", default: "3" },
  },
});
const events = Number(values.events);
const runs = Math.max(1, Number(values.runs));
const TARGET_S = 10;

const archive = ensureArchive(events, values.archive ?? (events === 1_000_000 ? "/tmp/trail-1m" : undefined));
const db = await openBenchDatabase(54620);
try {
  const { scope, caseId, ingestRunId } = await benchCaseWithIngest(archive, "bench-baselines");
  const t0 = performance.now();
  await runIngest(ingestRunId);
  await getPool().query("ANALYZE events");
  const { rows: range } = await getPool().query<{ n: string; min: Date; max: Date }>(
    "SELECT count(*)::text AS n, min(event_time) AS min, max(event_time) AS max FROM events WHERE case_id = $1",
    [caseId],
  );
  const r = range[0]!;
  process.stdout.write(`loaded ${r.n} events (${r.min.toISOString()} … ${r.max.toISOString()}) in ${((performance.now() - t0) / 1000).toFixed(1)} s, baselines included\n`);

  const steps = (label: string) => (statement: string, ms: number) => {
    if (ms >= 100) process.stdout.write(`  ${label} ${(ms / 1000).toFixed(2)} s  ${statement}\n`);
  };
  // The whole evidence as the baseline (what the ingest just did): hour deviations only.
  let t = performance.now();
  const noWindow = await computeBaselines(scope, { onStep: steps("no window") });
  process.stdout.write(`no window:     ${((performance.now() - t) / 1000).toFixed(2)} s  ${JSON.stringify(noWindow)}\n`);

  // The window from the middle of the time range (the bar), then from the median event (half the events on each side).
  const { rows: med } = await getPool().query<{ median: Date }>(
    "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY event_time) AS median FROM events WHERE case_id = $1",
    [caseId],
  );
  const middle = new Date(r.min.getTime() + (r.max.getTime() - r.min.getTime()) / 2);
  for (const [label, start] of [["middle of range", middle], ["median event", med[0]!.median]] as const) {
    await getPool().query("UPDATE cases SET window_start = $2 WHERE id = $1", [caseId, start]);
    const seconds: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      const counts = await computeBaselines(scope, { onStep: i === 0 ? steps(label) : undefined });
      seconds.push((performance.now() - t) / 1000);
      process.stdout.write(`${label} run ${i + 1}: ${seconds[i]!.toFixed(2)} s  ${JSON.stringify(counts)}\n`);
    }
    const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]!;
    process.stdout.write(`computeBaselines, window from ${start.toISOString()} (${label}): median ${median.toFixed(2)} s over ${runs} runs; target ≤ ${TARGET_S} s: ${median <= TARGET_S ? "met" : "NOT met"}\n\n`);
  }
} finally {
  await closeDb();
  await db.stop();
}
