import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";
import { hashPassword, verifyPassword } from "@/lib/users/passwords";
import { ZChangeOwnPasswordInput, type TChangeOwnPasswordInput } from "@/lib/users/schemas";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * The signed-in user changes their own password; the current one is required. An account without a
 * password (created by SSO) has none to change. Recorded as user.password-change.
 */
export async function changeOwnPassword(user: PublicUser, input: TChangeOwnPasswordInput): Promise<void> {
  const data = ZChangeOwnPasswordInput.parse(input);
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true, disabledAt: true } });
  if (!row || row.disabledAt) throw new AppError("NOT_FOUND");
  if (!row.passwordHash) throw new AppError("INVALID_INPUT", "Your account signs in through single sign-on: it has no Trailbench password to change.");
  if (!(await verifyPassword(row.passwordHash, data.currentPassword))) throw new AppError("INVALID_INPUT", "The current password is wrong.");
  const passwordHash = await hashPassword(data.newPassword);
  await withTransaction(async (client) => {
    // Only if the hash is still the one verified: two concurrent changes cannot both succeed.
    const updated = await client.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 AND password_hash = $3`, [
      user.id,
      passwordHash,
      row.passwordHash,
    ]);
    if (updated.rowCount !== 1) throw new AppError("CONFLICT", "Your password was changed meanwhile: reload and try again.");
    await recordAudit({ action: "user.password-change", actorId: user.id, targetType: "user", targetId: user.id }, client);
  });
}
