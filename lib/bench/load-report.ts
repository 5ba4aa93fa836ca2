// bench:load's printed summary: latency overall and per kind of request, and per 15-second slice of the run.
import { summariseLatency, type LoadSample } from "@/lib/bench/load-driver";

const say = (s: string) => process.stdout.write(`${s}\n`);

export function report(title: string, samples: LoadSample[], seconds: number, errors: number): { p95: number } {
  const all = summariseLatency(samples, seconds);
  say(`\n${title}`);
  say(`  requests ${all.n}  throughput ${all.perSecond.toFixed(1)} req/s  p50 ${all.p50.toFixed(0)} ms  p95 ${all.p95.toFixed(0)} ms  p99 ${all.p99.toFixed(0)} ms  max ${all.max.toFixed(0)} ms  errors ${errors}`);
  const kinds = [...new Set(samples.map((s) => s.kind))];
  for (const k of kinds) {
    const s = summariseLatency(samples.filter((x) => x.kind === k), seconds);
    say(`    ${k.padEnd(24)} n=${String(s.n).padStart(5)}  p50 ${s.p50.toFixed(0).padStart(5)} ms  p95 ${s.p95.toFixed(0).padStart(5)} ms  p99 ${s.p99.toFixed(0).padStart(5)} ms`);
  }
  return { p95: all.p95 };
}

/** Latency per 15-second slice of the run, beside the worker's jobs active in it: what the tail coincides with. */
export function reportSlices(samples: LoadSample[], seconds: number, jobs: { at: number; active: string[] }[]): void {
  const SLICE = 15_000;
  say("  by 15 s slice (worker jobs active during it):");
  for (let t = 0; t < seconds * 1000; t += SLICE) {
    const s = summariseLatency(samples.filter((x) => x.at >= t && x.at < t + SLICE), SLICE / 1000);
    const active = [...new Set(jobs.filter((j) => j.at >= t && j.at < t + SLICE).flatMap((j) => j.active))].sort();
    say(`    ${String(t / 1000).padStart(4)}–${String((t + SLICE) / 1000).padEnd(4)} s  n=${String(s.n).padStart(4)}  p50 ${s.p50.toFixed(0).padStart(5)} ms  p95 ${s.p95.toFixed(0).padStart(5)} ms  ${active.join(", ") || "-"}`);
  }
}
