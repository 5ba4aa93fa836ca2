import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/auth-options";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { selectPublicUser, type PublicUser } from "@/lib/users/create-user";

/**
 * The signed-in user for this request, re-read from the database so that a disabled or deleted
 * account loses access at once, whatever its JWT says. Cached per request.
 */
export const getSessionUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { ...selectPublicUser, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

export async function requireUser(): Promise<PublicUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED");
  return user;
}
