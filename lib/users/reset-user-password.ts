import { isUuid } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";
import { generatePassword } from "@/lib/users/generate-password";
import { hashPassword } from "@/lib/users/passwords";
import { requireAdmin } from "@/lib/users/require-admin";
import { ZResetPasswordInput, type TResetPasswordInput } from "@/lib/users/schemas";
import { withTransaction } from "@/lib/users/with-transaction";

/**
 * An admin sets a new local password for a user (admins only; others: NOT_FOUND): the one typed, or a
 * generated one returned once. Recorded as user.password-reset (never the password).
 */
export async function resetUserPassword(actor: PublicUser, input: TResetPasswordInput): Promise<{ generatedPassword: string | null }> {
  await requireAdmin(actor);
  if (!isUuid(input.userId)) throw new AppError("NOT_FOUND");
  const { userId, password } = ZResetPasswordInput.parse(input);
  const generatedPassword = password ? null : generatePassword();
  const passwordHash = await hashPassword(password || (generatedPassword as string));
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ email: string }>(
      `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING email`,
      [userId, passwordHash],
    );
    if (!rows[0]) throw new AppError("NOT_FOUND");
    await recordAudit({ action: "user.password-reset", actorId: actor.id, targetType: "user", targetId: userId, detail: { email: rows[0].email } }, client);
    return { generatedPassword };
  });
}
