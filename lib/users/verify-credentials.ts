import { db } from "@/lib/db/client";
import { selectPublicUser, type PublicUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/users/passwords";
import { ZSignInInput } from "@/lib/users/schemas";

/** The user for an email + password pair, or null (unknown email, wrong password, disabled account). */
export async function verifyCredentials(input: unknown): Promise<PublicUser | null> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { ...selectPublicUser, passwordHash: true, disabledAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !ok || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
