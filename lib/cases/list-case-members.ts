import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";

export type CaseMemberItem = { userId: string; email: string; name: string; role: CaseRole; addedAt: Date; disabled: boolean };

const ROLE_ORDER: Record<CaseRole, number> = { lead: 0, investigator: 1, viewer: 2 };

/** The case's members, leads first, then by email. Every member may read it ("case:read"). */
export async function listCaseMembers(scope: CaseScope): Promise<CaseMemberItem[]> {
  const rows = await db.caseMember.findMany({
    where: { caseId: scope.caseId },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  return rows
    .map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, addedAt: m.createdAt, disabled: m.user.disabledAt !== null }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
}
