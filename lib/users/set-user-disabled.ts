import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";
import { isLastActiveAdmin, lockUserForAdminChange } from "@/lib/users/lock-user-for-admin-change";
import { requireAdmin } from "@/lib/users/require-admin";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * Disables or re-enables an account (admins only; others: NOT_FOUND). A disabled user cannot sign in
 * (password or SSO), and their existing sessions stop working at the next request, because
 * lib/auth/session.ts re-reads `disabled_at`. The last active administrator cannot be disabled.
 * Recorded as user.disable / user.enable; a request that changes nothing records nothing.
 */
export async function setUserDisabled(actor: PublicUser, input: { userId: string; disabled: boolean }): Promise<{ disabledAt: Date | null }> {
  await requireAdmin(actor);
  return withTransaction(async (client) => {
    const user = await lockUserForAdminChange(client, input.userId);
    if (input.disabled === (user.disabledAt !== null)) return { disabledAt: user.disabledAt };
    if (input.disabled && isLastActiveAdmin(user)) {
      throw new AppError("CONFLICT", "This is the last active administrator: make another user an administrator before disabling this account.");
    }
    const { rows } = await client.query<{ disabledAt: Date | null }>(
      `UPDATE users SET disabled_at = ${input.disabled ? "now()" : "NULL"}, updated_at = now() WHERE id = $1 RETURNING disabled_at AS "disabledAt"`,
      [user.id],
    );
    await recordAudit(
      { action: input.disabled ? "user.disable" : "user.enable", actorId: actor.id, targetType: "user", targetId: user.id, detail: { email: user.email } },
      client,
    );
    return { disabledAt: rows[0]?.disabledAt ?? null };
  });
}
