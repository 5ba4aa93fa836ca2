// The worker's analysis lane: analysis jobs one at a time in arrival order, ingests and reports alongside
// them, and a job still waiting when the worker stops never starts.
import { describe, expect, it } from "vitest";
import { ANALYSIS_JOBS, createJobRunner, WorkerStoppingError } from "@/lib/jobs/analysis-lane";
import { JOB_REGISTRY } from "@/lib/jobs/registry";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("the worker's analysis lane", () => {
  it("holds rollups, warm views, baselines and detections; every other kind the worker runs is outside it", () => {
    expect([...ANALYSIS_JOBS].sort()).toEqual(["baselines", "detect", "rollups", "warm-views"]);
    expect(JOB_REGISTRY.map((j) => j.definition.name).filter((n) => !ANALYSIS_JOBS.has(n)).sort()).toEqual(["ingest", "report"]);
  });

  it("runs analysis jobs one at a time in the order they came, and an ingest or report at once", async () => {
    const run = createJobRunner(1, new AbortController().signal);
    const log: string[] = [];
    const job = (name: string, g: ReturnType<typeof gate>) => async () => {
      log.push(`start ${name}`);
      await g.opened;
      log.push(`end ${name}`);
      return name;
    };
    const [rollups, baselines, detect, ingest] = [gate(), gate(), gate(), gate()];
    const done = [run("rollups", job("rollups", rollups)), run("baselines", job("baselines", baselines)), run("detect", job("detect", detect))];
    const ingesting = run("ingest", job("ingest", ingest));
    await tick();
    expect([...log].sort()).toEqual(["start ingest", "start rollups"]);
    detect.open();
    baselines.open();
    await tick();
    expect(log).toHaveLength(2); // the later two wait their turn, however ready
    rollups.open();
    expect(await Promise.all(done)).toEqual(["rollups", "baselines", "detect"]);
    expect(log.filter((l) => !l.endsWith("ingest"))).toEqual(["start rollups", "end rollups", "start baselines", "end baselines", "start detect", "end detect"]);
    ingest.open();
    expect(await ingesting).toBe("ingest");
  });

  it("lets `concurrency` analysis jobs run together", async () => {
    const run = createJobRunner(2, new AbortController().signal);
    const started: string[] = [];
    const g = gate();
    const all = ["rollups", "baselines", "detect"].map((n) => run(n, async () => (started.push(n), await g.opened)));
    await tick();
    expect(started).toEqual(["rollups", "baselines"]);
    g.open();
    await Promise.all(all);
    expect(started).toEqual(["rollups", "baselines", "detect"]);
  });

  it("does not start a job still waiting when the worker stops: it fails, so pg-boss retries it later", async () => {
    const stop = new AbortController();
    const run = createJobRunner(1, stop.signal);
    const g = gate();
    let ranWaiting = false;
    const running = run("rollups", () => g.opened);
    const waiting = run("detect", async () => {
      ranWaiting = true;
    }).catch((err: unknown) => err);
    await tick(); // the first has started
    stop.abort();
    g.open();
    await running;
    expect(await waiting).toBeInstanceOf(WorkerStoppingError);
    expect(ranWaiting).toBe(false);
  });
});
