import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TTriageFindingInput } from "@/lib/findings/schemas";

/**
 * Sets a finding's triage (new, confirmed, false positive) and note, recording who and when and the
 * event count it was judged on. Investigators and leads; the finding is looked up inside the case.
 */
export async function triageFinding(scope: CaseScope, input: Omit<TTriageFindingInput, "caseId">): Promise<void> {
  if (!can(scope.role, "evidence:write")) throw new AppError("NOT_FOUND");
  const { rows } = await getPool().query<{ ruleId: string; title: string }>(
    `UPDATE findings SET status = $3, note = $4, triaged_by_id = $5, triaged_at = now(), triaged_event_count = event_count, updated_at = now()
      WHERE case_id = $1 AND id = $2 RETURNING rule_id AS "ruleId", title`,
    [scope.caseId, input.findingId, input.status, input.note, scope.userId],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND");
  await recordAudit({
    action: "finding.triage",
    actorId: scope.userId,
    caseId: scope.caseId,
    targetType: "finding",
    targetId: input.findingId,
    detail: { status: input.status, ruleId: rows[0].ruleId, title: rows[0].title },
  });
}
