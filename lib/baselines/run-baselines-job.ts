import type { z } from "zod";
import type { BASELINES_JOB } from "@/lib/baselines/baselines-job";
import { unsafeComputeCaseBaselines } from "@/lib/baselines/compute-baselines";
import { queueDetections } from "@/lib/findings/queue-detections";
import { log } from "@/lib/log";

/** The worker's handler for BASELINES_JOB (the case id comes from the ingest run that queued it). */
export async function runBaselinesJob(payload: z.infer<typeof BASELINES_JOB.payload>): Promise<void> {
  const counts = await unsafeComputeCaseBaselines(payload.caseId);
  log.info("baselines computed", { caseId: payload.caseId, identities: counts.identities, events: counts.events });
  // The rules read the deviations: detections run once they are current.
  await queueDetections(payload.caseId);
}
