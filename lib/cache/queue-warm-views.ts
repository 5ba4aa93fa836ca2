import { WARM_VIEWS_JOB } from "@/lib/cache/warm-views-job";
import { queueFollowUpJob } from "@/lib/jobs/queue";

/** Queues the computation of the case's shared views (a failure to queue is logged: the first reader computes them). */
export async function queueWarmViews(caseId: string): Promise<void> {
  await queueFollowUpJob(WARM_VIEWS_JOB, { caseId }, caseId);
}
