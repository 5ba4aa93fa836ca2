import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { LAST_LEAD_MESSAGE, ZAddCaseMemberInput, type TAddCaseMemberInput } from "@/lib/cases/case-member-schemas";
import { db } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * Makes a user a member of a case with `role`, or changes the role of a member: the local operator's
 * path (CLI, seeds, tests), which holds no CaseScope. Web requests use addCaseMemberByEmail below.
 * It never demotes the case's last lead.
 */
export async function addCaseMember(caseId: string, userId: string, role: CaseRole): Promise<void> {
  if (role !== "lead") {
    const leads = await db.caseMember.findMany({ where: { caseId, role: "lead" }, select: { userId: true } });
    if (leads.length === 1 && leads[0]!.userId === userId) throw new AppError("CONFLICT", LAST_LEAD_MESSAGE);
  }
  await db.caseMember.upsert({
    where: { caseId_userId: { caseId, userId } },
    create: { caseId, userId, role },
    update: { role },
  });
}

export type AddedCaseMember = { userId: string; email: string; name: string; role: CaseRole };

/**
 * A lead adds an existing, active user to the case by email ("members:manage", checked here too:
 * otherwise NOT_FOUND). Someone already a member is a conflict (their role is changed with
 * setCaseMemberRole, which guards the last lead). Recorded as member.add by the acting lead.
 */
export async function addCaseMemberByEmail(scope: CaseScope, input: TAddCaseMemberInput): Promise<AddedCaseMember> {
  if (!can(scope.role, "members:manage")) throw new AppError("NOT_FOUND");
  const { email, role } = ZAddCaseMemberInput.parse(input);
  return withTransaction(async (client) => {
    const found = await client.query<{ id: string; email: string; name: string; disabled: boolean }>(
      `SELECT id, email, name, disabled_at IS NOT NULL AS disabled FROM users WHERE email = $1`,
      [email],
    );
    const user = found.rows[0];
    if (!user) throw new AppError("INVALID_INPUT", `No user with the email ${email}: an administrator creates accounts.`);
    if (user.disabled) throw new AppError("INVALID_INPUT", `The account ${email} is disabled.`);
    const inserted = await client.query(
      `INSERT INTO case_members (case_id, user_id, role) VALUES ($1, $2, $3::case_role) ON CONFLICT (case_id, user_id) DO NOTHING`,
      [scope.caseId, user.id, role],
    );
    if (inserted.rowCount !== 1) throw new AppError("CONFLICT", `${email} is already a member of this case: change their role in the list.`);
    await recordAudit(
      { action: "member.add", actorId: scope.userId, caseId: scope.caseId, targetType: "user", targetId: user.id, detail: { email: user.email, role } },
      client,
    );
    return { userId: user.id, email: user.email, name: user.name, role };
  });
}
