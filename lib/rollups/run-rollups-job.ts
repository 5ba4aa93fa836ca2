import type { z } from "zod";
import { queueWarmViews } from "@/lib/cache/queue-warm-views";
import { log } from "@/lib/log";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import type { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";

/** The worker's handler for ROLLUPS_JOB (the case id comes from the ingest run that queued it); queues WARM_VIEWS_JOB after. */
export async function runRollupsJob(payload: z.infer<typeof ROLLUPS_JOB.payload>): Promise<void> {
  const counts = await unsafeRebuildCaseRollups(payload.caseId);
  log.info("rollups rebuilt", { caseId: payload.caseId, ...counts });
  // The case's stamp changed: compute the views every analyst opens first before one of them does.
  await queueWarmViews(payload.caseId);
}
