// The worker's analysis jobs (rollups, baselines, detections, warm views) run one at a time (issue #9,
// load). After an ingest all four are queued at once, and pg-boss runs each kind as soon as it is fetched:
// on a 2-core machine four whole-case passes then ran together with the next ingest, and analysts' pages
// slowed to a p95 of 1.2 s for as long as they lasted. One at a time, the same work takes about as long
// in total (the machine was saturated either way) while leaving a core to the web server. Ingests and
// reports (a person is waiting for the PDF) are not in the lane. TRAILBENCH_WORKER_ANALYSIS_CONCURRENCY
// raises the limit on a larger machine.
import pLimit from "p-limit";
import { BASELINES_JOB } from "@/lib/baselines/baselines-job";
import { WARM_VIEWS_JOB } from "@/lib/cache/warm-views-job";
import { DETECT_JOB } from "@/lib/findings/detect-job";
import { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";

export const ANALYSIS_JOBS: ReadonlySet<string> = new Set([ROLLUPS_JOB.name, WARM_VIEWS_JOB.name, BASELINES_JOB.name, DETECT_JOB.name]);

/** Thrown to a job still waiting for its turn when the worker stops: pg-boss records a failure and retries it later. */
export class WorkerStoppingError extends Error {
  constructor() {
    super("the worker stopped before this job's turn: it is retried later");
  }
}

/**
 * A runner that passes analysis jobs through a lane of `concurrency` and starts every other job at once.
 * A job whose turn comes after `signal` aborted (a stopping worker) does not start.
 */
export function createJobRunner(concurrency: number, signal: AbortSignal) {
  const lane = pLimit(concurrency);
  return function run<T>(jobName: string, job: () => Promise<T>): Promise<T> {
    if (!ANALYSIS_JOBS.has(jobName)) return job();
    return lane(() => {
      if (signal.aborted) throw new WorkerStoppingError();
      return job();
    });
  };
}
