import { isUuid } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";

/**
 * User administration is for active global admins only. The role is re-read from the database (not
 * taken from the caller's object), and anyone else gets NOT_FOUND, like every refusal in Trailbench:
 * the admin pages do not exist for them.
 */
export async function requireAdmin(actor: Pick<PublicUser, "id">): Promise<void> {
  if (!isUuid(actor.id)) throw new AppError("NOT_FOUND");
  const row = await db.user.findUnique({ where: { id: actor.id }, select: { role: true, disabledAt: true } });
  if (!row || row.role !== "admin" || row.disabledAt) throw new AppError("NOT_FOUND");
}
