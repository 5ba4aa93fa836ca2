import { DETECT_JOB } from "@/lib/findings/detect-job";
import { getProducer } from "@/lib/jobs/queue";
import { log } from "@/lib/log";

/**
 * Queues a detection run of the case (incremental when it can be; `full` recomputes from every event);
 * a failure to queue is logged, never thrown (the next trigger re-runs).
 */
export async function queueDetections(caseId: string, opts: { full?: boolean } = {}): Promise<void> {
  const full = opts.full === true;
  await getProducer()
    .then((boss) => boss.send(DETECT_JOB.name, DETECT_JOB.payload.parse({ caseId, full }), { singletonKey: full ? `${caseId}:full` : caseId }))
    .catch((err: unknown) => log.error("could not queue the detections", { caseId, err }));
}
