import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";

/**
 * Compute a case's shared views into the result cache (lib/cache/warm-case-views.ts): queued after every
 * rollup rebuild (the case's stamp has just changed) and when the incident window changes (the coverage
 * statement's key). One pending job per case (singletonKey): a later trigger finds the views of the newest
 * stamp.
 */
export const WARM_VIEWS_JOB = defineJob({
  name: "warm-views",
  version: 1,
  queue: { policy: "standard", retryLimit: 1, retryDelay: 30, expireInSeconds: 30 * 60 },
  payload: z.object({ caseId: z.uuid() }),
});
