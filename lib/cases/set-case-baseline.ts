import type { CaseScope } from "@/lib/auth/case-scope";
import { recordCaseUpdate } from "@/lib/audit/record-case-update";
import { can } from "@/lib/auth/permissions";
import { computeBaselines } from "@/lib/baselines/compute-baselines";
import { queueDetections } from "@/lib/findings/queue-detections";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZCaseBaselineInput, type TCaseBaselineInput } from "@/lib/cases/schemas";

/**
 * Sets the case's business time zone and chosen baseline end, then recomputes the identity baselines
 * at once (as a window change does). Lead only ("case:update"), checked here too; NOT_FOUND otherwise.
 */
export async function setCaseBaseline(scope: CaseScope, input: TCaseBaselineInput): Promise<{ timeZone: string; baselineEnd: Date | null }> {
  if (!can(scope.role, "case:update")) throw new AppError("NOT_FOUND");
  const { timeZone, baselineEnd } = ZCaseBaselineInput.parse(input);
  const updated = await db.case.updateMany({ where: { id: scope.caseId }, data: { timeZone, baselineEnd } });
  if (updated.count !== 1) throw new AppError("NOT_FOUND");
  await recordCaseUpdate(scope, "baseline", { timeZone, baselineEnd: baselineEnd?.toISOString() ?? null });
  await computeBaselines(scope);
  await queueDetections(scope.caseId);
  return { timeZone, baselineEnd };
}
