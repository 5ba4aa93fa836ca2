import { db } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";
import { selectCaseSummary, type CaseSummary } from "@/lib/cases/create-case";

export type CaseListItem = CaseSummary & { role: CaseRole; eventCount: number };

/** The cases `userId` is a member of, newest first. Membership is the where clause. */
export async function listCasesForUser(userId: string): Promise<CaseListItem[]> {
  const memberships = await db.caseMember.findMany({
    where: { userId },
    select: { role: true, case: { select: { ...selectCaseSummary, eventCount: true } } },
    orderBy: { case: { createdAt: "desc" } },
  });
  return memberships.map(({ role, case: c }) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    timeZone: c.timeZone,
    createdAt: c.createdAt,
    role,
    eventCount: c.eventCount,
  }));
}
