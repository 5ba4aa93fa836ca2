import type { z } from "zod";
import { log } from "@/lib/log";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import type { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";

/** The worker's handler for ROLLUPS_JOB (the case id comes from the ingest run that queued it). */
export async function runRollupsJob(payload: z.infer<typeof ROLLUPS_JOB.payload>): Promise<void> {
  const counts = await unsafeRebuildCaseRollups(payload.caseId);
  log.info("rollups rebuilt", { caseId: payload.caseId, ...counts });
}
