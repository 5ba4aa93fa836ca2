import { db } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";

/** Makes a user a member of a case with `role`, or changes the role of a member. */
export async function addCaseMember(caseId: string, userId: string, role: CaseRole): Promise<void> {
  await db.caseMember.upsert({
    where: { caseId_userId: { caseId, userId } },
    create: { caseId, userId, role },
    update: { role },
  });
}
