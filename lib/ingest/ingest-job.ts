import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";

export const INGEST_JOB = defineJob({
  name: "ingest",
  version: 1,
  // A run is resumable (committed files are skipped), so a retry after a crash finishes the work.
  queue: { policy: "standard", retryLimit: 3, retryDelay: 5, expireInSeconds: 6 * 60 * 60 },
  payload: z.object({ ingestRunId: z.uuid() }),
});
