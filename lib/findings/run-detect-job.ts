import type { z } from "zod";
import type { DETECT_JOB } from "@/lib/findings/detect-job";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { log } from "@/lib/log";

/** The worker's handler for DETECT_JOB. */
export async function runDetectJob(payload: z.infer<typeof DETECT_JOB.payload>): Promise<void> {
  const summary = await unsafeRunCaseDetections(payload.caseId, { full: payload.full === true });
  log.info("detections ran", { caseId: payload.caseId, ...summary });
}
