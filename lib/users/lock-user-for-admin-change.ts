import type { PoolClient } from "pg";
import { isUuid } from "@/lib/auth/case-scope";
import { AppError } from "@/lib/errors";

export type LockedUser = { id: string; email: string; role: "admin" | "member"; disabledAt: Date | null; activeAdmins: number };

/**
 * Inside an admin's transaction: locks the active administrators' rows and the target user's row, so
 * that two admins demoting or disabling each other at the same moment cannot leave nobody able to
 * administer Trailbench. Unknown or malformed ids: NOT_FOUND.
 */
export async function lockUserForAdminChange(client: PoolClient, userId: string): Promise<LockedUser> {
  if (!isUuid(userId)) throw new AppError("NOT_FOUND");
  const admins = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
  );
  const { rows } = await client.query<{ id: string; email: string; role: "admin" | "member"; disabledAt: Date | null }>(
    `SELECT id, email, role::text AS role, disabled_at AS "disabledAt" FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  const user = rows[0];
  if (!user) throw new AppError("NOT_FOUND");
  return { ...user, activeAdmins: admins.rowCount ?? 0 };
}

/** True when `user` is the only active administrator left. */
export function isLastActiveAdmin(user: LockedUser): boolean {
  return user.role === "admin" && user.disabledAt === null && user.activeAdmins <= 1;
}
