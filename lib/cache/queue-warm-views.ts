import { WARM_VIEWS_JOB } from "@/lib/cache/warm-views-job";
import { getProducer } from "@/lib/jobs/queue";
import { log } from "@/lib/log";

/** Queues the computation of the case's shared views; a failure to queue is logged, never thrown (the first reader computes them). */
export async function queueWarmViews(caseId: string): Promise<void> {
  await getProducer()
    .then((boss) => boss.send(WARM_VIEWS_JOB.name, WARM_VIEWS_JOB.payload.parse({ caseId }), { singletonKey: caseId }))
    .catch((err: unknown) => log.error("could not queue the views' computation", { caseId, err }));
}
