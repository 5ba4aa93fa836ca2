import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";

/**
 * Rebuild a case's rollups (lib/rollups/rebuild-case-rollups.ts), queued after every ingest run that
 * may have added events. Its own job so the ingest's throughput does not pay for it; one pending job per
 * case is enough (singletonKey).
 */
export const ROLLUPS_JOB = defineJob({
  name: "rollups",
  version: 1,
  queue: { policy: "standard", retryLimit: 2, retryDelay: 10, expireInSeconds: 30 * 60 },
  payload: z.object({ caseId: z.uuid() }),
});
