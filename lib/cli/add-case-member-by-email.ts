import { db } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/**
 * Makes a user a member of a case (operator action). Without an email, picks the first administrator,
 * so that on a single-admin install `trailbench cases create X` makes a case its admin can open.
 * Returns the member's email, or null when there is nobody to add.
 */
export async function addCaseMemberByEmail(caseId: string, email: string | undefined, role: CaseRole): Promise<string | null> {
  const user = email
    ? await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } })
    : await db.user.findFirst({ where: { role: "admin", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, email: true } });
  if (!user) {
    if (email) throw new AppError("NOT_FOUND", `No user with the email ${email}.`);
    return null;
  }
  await db.caseMember.upsert({
    where: { caseId_userId: { caseId, userId: user.id } },
    create: { caseId, userId: user.id, role },
    update: { role },
  });
  return user.email;
}
