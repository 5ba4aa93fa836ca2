import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";
import { isLastActiveAdmin, lockUserForAdminChange } from "@/lib/users/lock-user-for-admin-change";
import { requireAdmin } from "@/lib/users/require-admin";
import { ZGlobalRole } from "@/lib/users/schemas";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * Changes a user's global role, admin or member (admins only; others: NOT_FOUND). Case roles are
 * separate: an admin sees a case's evidence only as a member of it. The last active administrator
 * cannot be demoted. Recorded as user.role.
 */
export async function setUserRole(actor: PublicUser, input: { userId: string; role: string }): Promise<{ role: "admin" | "member" }> {
  await requireAdmin(actor);
  const role = ZGlobalRole.parse(input.role);
  return withTransaction(async (client) => {
    const user = await lockUserForAdminChange(client, input.userId);
    if (user.role === role) return { role };
    if (role !== "admin" && isLastActiveAdmin(user)) {
      throw new AppError("CONFLICT", "This is the last active administrator: make another user an administrator before changing this role.");
    }
    await client.query(`UPDATE users SET role = $2::global_role, updated_at = now() WHERE id = $1`, [user.id, role]);
    await recordAudit(
      { action: "user.role", actorId: actor.id, targetType: "user", targetId: user.id, detail: { email: user.email, from: user.role, to: role } },
      client,
    );
    return { role };
  });
}
