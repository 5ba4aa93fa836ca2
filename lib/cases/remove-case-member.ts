import type { CaseScope } from "@/lib/auth/case-scope";
import { isUuid } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { LAST_LEAD_MESSAGE } from "@/lib/cases/case-member-schemas";
import { isLastLead, lockCaseMembers } from "@/lib/cases/lock-case-members";
import { AppError } from "@/lib/errors";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * Removes a member from the case (leads only: "members:manage"). A user who is not a member of this
 * case is NOT_FOUND. The last lead cannot be removed, not even by themselves. What the member did
 * (bookmarks, notes, audit rows) stays. Recorded as member.remove.
 */
export async function removeCaseMember(scope: CaseScope, input: { userId: string }): Promise<void> {
  if (!can(scope.role, "members:manage")) throw new AppError("NOT_FOUND");
  if (!isUuid(input.userId)) throw new AppError("NOT_FOUND");
  await withTransaction(async (client) => {
    const members = await lockCaseMembers(client, scope.caseId);
    const member = members.find((m) => m.userId === input.userId);
    if (!member) throw new AppError("NOT_FOUND");
    if (isLastLead(members, input.userId)) throw new AppError("CONFLICT", LAST_LEAD_MESSAGE);
    await client.query(`DELETE FROM case_members WHERE case_id = $1 AND user_id = $2`, [scope.caseId, input.userId]);
    await recordAudit(
      { action: "member.remove", actorId: scope.userId, caseId: scope.caseId, targetType: "user", targetId: input.userId, detail: { role: member.role } },
      client,
    );
  });
}
