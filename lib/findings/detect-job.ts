import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";

/**
 * Run the detections over a case (lib/findings/run-detections.ts): queued when the baselines job
 * finishes after an ingest (rules read the deviations), when the window or baseline settings change,
 * and on demand (full). One pending run of each kind per case (singletonKey).
 */
export const DETECT_JOB = defineJob({
  name: "detect",
  version: 1,
  queue: { policy: "standard", retryLimit: 2, retryDelay: 10, expireInSeconds: 30 * 60 },
  /** `full`: recompute from every event (asked for in the app); otherwise incremental when it can be. */
  payload: z.object({ caseId: z.uuid(), full: z.boolean().optional() }),
});
