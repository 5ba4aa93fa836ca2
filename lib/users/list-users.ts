import { db } from "@/lib/db/client";
import type { PublicUser } from "@/lib/users/create-user";
import { requireAdmin } from "@/lib/users/require-admin";

export type UserListItem = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member";
  disabledAt: Date | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  /** A local password is set (false: the user signs in through SSO only). */
  hasPassword: boolean;
  /** SSO identities linked to the user (issuer + subject). */
  ssoIdentities: number;
};

/** Every account, oldest first, for the admin users page. Admins only (others: NOT_FOUND). */
export async function listUsers(actor: PublicUser): Promise<UserListItem[]> {
  await requireAdmin(actor);
  const rows = await db.user.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      lastSignInAt: true,
      passwordHash: true,
      _count: { select: { identities: true } },
    },
  });
  return rows.map(({ passwordHash, _count, ...u }) => ({ ...u, hasPassword: passwordHash !== null, ssoIdentities: _count.identities }));
}
