import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";
import { generatePassword } from "@/lib/users/generate-password";
import { hashPassword } from "@/lib/users/passwords";
import { requireAdmin } from "@/lib/users/require-admin";
import { ZAdminCreateUserInput, type TAdminCreateUserInput } from "@/lib/users/schemas";
import { withTransaction } from "@/lib/users/with-transaction";

export type CreatedUser = PublicUser & {
  /** The initial password when Trailbench generated it (shown to the admin once, never stored in clear); null when the admin typed it. */
  generatedPassword: string | null;
};

/** An admin creates a local account (admins only; others: NOT_FOUND). Recorded as user.create. */
export async function adminCreateUser(actor: PublicUser, input: TAdminCreateUserInput): Promise<CreatedUser> {
  await requireAdmin(actor);
  const data = ZAdminCreateUserInput.parse(input);
  const generatedPassword = data.password ? null : generatePassword();
  const passwordHash = await hashPassword(data.password || (generatedPassword as string));
  return withTransaction(async (client) => {
    const inserted = await client
      .query<PublicUser>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3::global_role, $4)
         ON CONFLICT (email) DO NOTHING RETURNING id, email, name, role::text AS role`,
        [data.email, data.name, data.role, passwordHash],
      )
      .then((r) => r.rows[0]);
    if (!inserted) throw new AppError("CONFLICT", `A user with the email ${data.email} already exists.`);
    await recordAudit(
      { action: "user.create", actorId: actor.id, targetType: "user", targetId: inserted.id, detail: { email: inserted.email, role: inserted.role } },
      client,
    );
    return { ...inserted, generatedPassword };
  });
}
