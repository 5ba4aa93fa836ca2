import { recordAudit } from "@/lib/audit/record-audit";
import { recordLockedSignIn, signInLockout } from "@/lib/auth/sign-in-lockout";
import { db } from "@/lib/db/client";
import { selectPublicUser, type PublicUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/users/passwords";
import { ZSignInInput } from "@/lib/users/schemas";

/** The email as typed at a failed sign-in, for the audit log's actor label (never the password). */
function typedEmail(input: unknown): string | null {
  const email = typeof input === "object" && input !== null ? (input as { email?: unknown }).email : undefined;
  // Lower-cased like stored emails: the sign-in lockout counts failures per typed email.
  return typeof email === "string" && email.trim() ? email.trim().toLowerCase().slice(0, 320) : null;
}

/**
 * The user for an email + password pair, or null (unknown email, wrong password, disabled account).
 * Every credentials sign-in goes through here (the sign-in page and Auth.js's own callback URL), so
 * this is where auth.sign-in and auth.sign-in-failed are recorded (issue #8), and where a locked email
 * is refused without its password being checked (issue #9, lib/auth/sign-in-lockout.ts).
 */
export async function verifyCredentials(input: unknown): Promise<PublicUser | null> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) {
    await recordAudit({ action: "auth.sign-in-failed", actorId: null, actorLabel: typedEmail(input), detail: { method: "password", reason: "invalid-input" } });
    return null;
  }
  const lock = await signInLockout(parsed.data.email);
  if (lock.locked) {
    await recordLockedSignIn(parsed.data.email, lock);
    return null;
  }
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { ...selectPublicUser, passwordHash: true, disabledAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !ok || user.disabledAt) {
    const reason = !user ? "unknown-email" : !ok ? "wrong-password" : "disabled";
    await recordAudit({
      action: "auth.sign-in-failed",
      actorId: null,
      actorLabel: typedEmail(input),
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      detail: { method: "password", reason },
    });
    return null;
  }
  await recordAudit({ action: "auth.sign-in", actorId: user.id, actorLabel: user.email, targetType: "user", targetId: user.id, detail: { method: "password" } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
