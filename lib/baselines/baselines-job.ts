import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";

/**
 * Recompute a case's baselines and deviations (lib/baselines/compute-baselines.ts), queued at the end of
 * every successful ingest. A job of its own, not part of the ingest: at 1M events it takes 2–10 s,
 * which the ingest's throughput should not pay. One pending job per case is enough (singletonKey).
 */
export const BASELINES_JOB = defineJob({
  name: "baselines",
  version: 1,
  queue: { policy: "standard", retryLimit: 2, retryDelay: 10, expireInSeconds: 30 * 60 },
  payload: z.object({ caseId: z.uuid() }),
});
