import type { z } from "zod";
import { unsafeWarmCaseViews } from "@/lib/cache/warm-case-views";
import type { WARM_VIEWS_JOB } from "@/lib/cache/warm-views-job";
import { log } from "@/lib/log";

/** The worker's handler for WARM_VIEWS_JOB (a case that no longer exists computes nothing). */
export async function runWarmViewsJob(payload: z.infer<typeof WARM_VIEWS_JOB.payload>): Promise<void> {
  const result = await unsafeWarmCaseViews(payload.caseId);
  log.info("case views computed", { caseId: payload.caseId, ...result });
}
