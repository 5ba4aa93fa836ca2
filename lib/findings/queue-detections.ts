import { DETECT_JOB } from "@/lib/findings/detect-job";
import { queueFollowUpJob } from "@/lib/jobs/queue";

/**
 * Queues a detection run of the case (incremental when it can be; `full` recomputes from every event);
 * a failure to queue is logged, never thrown (the next trigger re-runs).
 */
export async function queueDetections(caseId: string, opts: { full?: boolean } = {}): Promise<void> {
  const full = opts.full === true;
  await queueFollowUpJob(DETECT_JOB, { caseId, full }, full ? `${caseId}:full` : caseId);
}
