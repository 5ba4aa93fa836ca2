import { DETECT_JOB } from "@/lib/findings/detect-job";
import { getProducer } from "@/lib/jobs/queue";
import { log } from "@/lib/log";

/** Queues a detection run of the case; a failure to queue is logged, never thrown (the next trigger re-runs). */
export async function queueDetections(caseId: string): Promise<void> {
  await getProducer()
    .then((boss) => boss.send(DETECT_JOB.name, DETECT_JOB.payload.parse({ caseId }), { singletonKey: caseId }))
    .catch((err: unknown) => log.error("could not queue the detections", { caseId, err }));
}
