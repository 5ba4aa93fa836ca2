import type { CaseScope } from "@/lib/auth/case-scope";
import { isUuid } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { LAST_LEAD_MESSAGE, ZSetCaseMemberRoleInput, type TSetCaseMemberRoleInput } from "@/lib/cases/case-member-schemas";
import { isLastLead, lockCaseMembers } from "@/lib/cases/lock-case-members";
import type { CaseRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * Changes a member's role in the case (leads only: "members:manage", checked here too because the
 * scope may have been minted for a weaker permission). A user who is not a member of this case is
 * NOT_FOUND. The last lead cannot be demoted. Recorded as member.role.
 */
export async function setCaseMemberRole(scope: CaseScope, input: TSetCaseMemberRoleInput): Promise<{ role: CaseRole }> {
  if (!can(scope.role, "members:manage")) throw new AppError("NOT_FOUND");
  const { userId, role } = ZSetCaseMemberRoleInput.parse(input);
  if (!isUuid(userId)) throw new AppError("NOT_FOUND");
  return withTransaction(async (client) => {
    const members = await lockCaseMembers(client, scope.caseId);
    const member = members.find((m) => m.userId === userId);
    if (!member) throw new AppError("NOT_FOUND");
    if (member.role === role) return { role };
    if (role !== "lead" && isLastLead(members, userId)) throw new AppError("CONFLICT", LAST_LEAD_MESSAGE);
    await client.query(`UPDATE case_members SET role = $3::case_role WHERE case_id = $1 AND user_id = $2`, [scope.caseId, userId, role]);
    await recordAudit(
      { action: "member.role", actorId: scope.userId, caseId: scope.caseId, targetType: "user", targetId: userId, detail: { from: member.role, to: role } },
      client,
    );
    return { role };
  });
}
