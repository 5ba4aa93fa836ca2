import type { PoolClient } from "pg";
import { recordAudit } from "@/lib/audit/record-audit";
import type { PublicUser } from "@/lib/users/create-user";
import { ZEmail } from "@/lib/users/schemas";
import { withTransaction } from "@/lib/users/with-transaction";

/** What the OIDC issuer asserted about the person (ID token / userinfo claims). */
export type SsoProfile = {
  issuer: string;
  subject: string;
  email: string | null;
  /** The `email_verified` claim; null when the issuer does not send it (Entra ID, for one). */
  emailVerified: boolean | null;
  name: string | null;
};

/** The deployment's SSO rules (TRAILBENCH_OIDC_ALLOWED_DOMAINS, TRAILBENCH_OIDC_AUTO_CREATE). */
export type SsoPolicy = { allowedDomains: readonly string[]; autoCreate: boolean };

export const SSO_REFUSALS = ["unverified-email", "domain-not-allowed", "disabled", "no-account", "identity-conflict", "invalid-profile"] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export type SsoResult =
  | { ok: true; user: PublicUser; how: "identity" | "linked-by-email" | "created" }
  | { ok: false; reason: SsoRefusal; userId: string | null };

type UserRow = PublicUser & { disabledAt: Date | null };
const USER_COLUMNS = `u.id, u.email, u.name, u.role::text AS role, u.disabled_at AS "disabledAt"`;

function domainAllowed(email: string | null, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const domain = email?.split("@").pop()?.toLowerCase();
  return !!domain && allowed.includes(domain);
}

async function decide(client: PoolClient, p: SsoProfile, email: string | null, policy: SsoPolicy): Promise<SsoResult> {
  const refuse = (reason: SsoRefusal, userId: string | null = null): SsoResult => ({ ok: false, reason, userId });
  if (!p.issuer || !p.subject) return refuse("invalid-profile");
  if (p.emailVerified === false) return refuse("unverified-email");
  if (!domainAllowed(email, policy.allowedDomains)) return refuse("domain-not-allowed");
  // Concurrent first sign-ins of one person must not create two accounts or two links.
  await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sso:${p.issuer}\n${p.subject}`]);
  const known = await client.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = $2`,
    [p.issuer, p.subject],
  );
  const linked = known.rows[0];
  if (linked) {
    if (linked.disabledAt) return refuse("disabled", linked.id);
    await client.query(`UPDATE user_identities SET last_used_at = now() WHERE issuer = $1 AND subject = $2`, [p.issuer, p.subject]);
    return { ok: true, user: linked, how: "identity" };
  }
  // A first sign-in is matched to an account only through an email the issuer vouches for.
  if (!email || p.emailVerified !== true) return refuse("unverified-email");
  const byEmail = (await client.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = $1`, [email])).rows[0];
  if (byEmail) {
    if (byEmail.disabledAt) return refuse("disabled", byEmail.id);
    // Another person at this issuer already holds the account (an email address reassigned to a newcomer must not inherit it).
    const other = await client.query(`SELECT 1 FROM user_identities WHERE user_id = $1 AND issuer = $2`, [byEmail.id, p.issuer]);
    if (other.rowCount) return refuse("identity-conflict", byEmail.id);
    await client.query(`INSERT INTO user_identities (user_id, issuer, subject, email) VALUES ($1, $2, $3, $4)`, [byEmail.id, p.issuer, p.subject, email]);
    return { ok: true, user: byEmail, how: "linked-by-email" };
  }
  if (!policy.autoCreate) return refuse("no-account");
  const name = (p.name ?? "").trim().slice(0, 200) || email.split("@")[0] || email;
  const created = await client.query<UserRow>(
    `INSERT INTO users AS u (email, name, role, password_hash) VALUES ($1, $2, 'member', NULL) RETURNING ${USER_COLUMNS}`,
    [email, name],
  );
  const user = created.rows[0]!;
  await client.query(`INSERT INTO user_identities (user_id, issuer, subject, email) VALUES ($1, $2, $3, $4)`, [user.id, p.issuer, p.subject, email]);
  await recordAudit({ action: "user.create", actorId: user.id, actorLabel: "sso", targetType: "user", targetId: user.id, detail: { email, role: "member", issuer: p.issuer } }, client);
  return { ok: true, user, how: "created" };
}

/**
 * The Trailbench user for an OIDC sign-in. Identity is the issuer's (issuer, sub) pair. A first sign-in
 * links to the account with the same email only when the issuer says the email is verified; without
 * such an account, one is created (member role, no password) when auto-create is on. Refused: an
 * `email_verified` of false, an email outside the allowed domains, a disabled account. Records
 * auth.sso-sign-in, or auth.sign-in-failed with the reason; sets the user's last sign-in.
 */
export async function resolveSsoUser(profile: SsoProfile, policy: SsoPolicy): Promise<SsoResult> {
  const parsedEmail = profile.email ? ZEmail.safeParse(profile.email) : null;
  const email = parsedEmail?.success ? parsedEmail.data : null;
  return withTransaction(async (client) => {
    const result = await decide(client, profile, email, policy);
    if (result.ok) {
      await client.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [result.user.id]);
      await recordAudit(
        { action: "auth.sso-sign-in", actorId: result.user.id, targetType: "user", targetId: result.user.id, detail: { issuer: profile.issuer, how: result.how } },
        client,
      );
      const { id, email: e, name, role } = result.user;
      return { ok: true, user: { id, email: e, name, role }, how: result.how };
    }
    await recordAudit(
      {
        action: "auth.sign-in-failed",
        actorId: result.userId,
        actorLabel: (email ?? profile.email ?? "").slice(0, 320) || null,
        detail: { method: "sso", issuer: profile.issuer, reason: result.reason },
      },
      client,
    );
    return result;
  });
}
