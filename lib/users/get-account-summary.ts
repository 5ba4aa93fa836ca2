import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";

/** What the account page shows beyond the session user: whether a password is set and SSO is linked. */
export async function getAccountSummary(user: PublicUser): Promise<{ hasPassword: boolean; ssoIdentities: number }> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true, _count: { select: { identities: true } } } });
  if (!row) throw new AppError("NOT_FOUND");
  return { hasPassword: row.passwordHash !== null, ssoIdentities: row._count.identities };
}
