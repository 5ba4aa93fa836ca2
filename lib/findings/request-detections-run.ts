import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { queueDetections } from "@/lib/findings/queue-detections";

/**
 * A person asks for the detections to run again on the case ("evidence:write"): a full recomputation
 * from every event (the automatic runs after ingest are incremental), recorded as detections.run.
 */
export async function requestDetectionsRun(scope: CaseScope): Promise<{ queued: true }> {
  if (!can(scope.role, "evidence:write")) throw new AppError("NOT_FOUND");
  await queueDetections(scope.caseId, { full: true });
  await recordAudit({ action: "detections.run", actorId: scope.userId, caseId: scope.caseId, targetType: "case", targetId: scope.caseId, detail: { full: true } });
  return { queued: true };
}
