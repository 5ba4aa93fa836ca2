import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit, type AuditClient } from "@/lib/audit/record-audit";

export type CaseSetting = "window" | "baseline" | "context" | "detection-settings" | "executive-summary";

/** A lead changed one of the case's settings: case.update with `setting` and the new values. */
export async function recordCaseUpdate(scope: CaseScope, setting: CaseSetting, values: Record<string, unknown>, client?: AuditClient): Promise<void> {
  await recordAudit({ action: "case.update", actorId: scope.userId, caseId: scope.caseId, targetType: "case", targetId: scope.caseId, detail: { setting, ...values } }, client);
}
