import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, getPool } from "@/lib/db/client";
import { seedUser } from "@/lib/testing/factories";
import { resolveSsoUser, type SsoPolicy, type SsoProfile } from "@/lib/users/resolve-sso-user";

const ISSUER = "http://127.0.0.1:9400";
const open: SsoPolicy = { allowedDomains: [], autoCreate: true };

function profile(over: Partial<SsoProfile> = {}): SsoProfile {
  const id = randomUUID().slice(0, 8);
  return { issuer: ISSUER, subject: `sub-${id}`, email: `sso-${id}@corp.example.test`, emailVerified: true, name: `SSO ${id}`, ...over };
}

async function identities(userId: string) {
  return db.userIdentity.findMany({ where: { userId }, select: { issuer: true, subject: true, email: true } });
}

async function ssoAudit(label: string) {
  const { rows } = await getPool().query<{ action: string; actor_id: string | null; detail: Record<string, unknown> }>(
    `SELECT action, actor_id, detail FROM audit_log WHERE (actor_label = $1 OR detail->>'email' = $1 OR target_id IN (SELECT id::text FROM users WHERE email = $1))
       AND action IN ('auth.sso-sign-in', 'auth.sign-in-failed', 'user.create') ORDER BY id`,
    [label],
  );
  return rows.map((r) => [r.action, r.detail]);
}

describe("resolveSsoUser (OIDC account linking)", () => {
  it("links a first sign-in to the existing account with the same verified email, then recognises the subject", async () => {
    const user = await seedUser({ email: `linked-${randomUUID().slice(0, 8)}@corp.example.test` });
    const p = profile({ email: user.email.toUpperCase() });
    expect(await resolveSsoUser(p, open)).toEqual({ ok: true, user, how: "linked-by-email" });
    expect(await identities(user.id)).toEqual([{ issuer: ISSUER, subject: p.subject, email: user.email }]);
    // Next time the subject is what counts, even if the issuer now reports another email.
    expect(await resolveSsoUser({ ...p, email: "renamed@corp.example.test" }, open)).toEqual({ ok: true, user, how: "identity" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true, passwordHash: true } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    expect(row.passwordHash).not.toBeNull();
    expect(await ssoAudit(user.email)).toEqual([
      ["auth.sso-sign-in", { issuer: ISSUER, how: "linked-by-email" }],
      ["auth.sso-sign-in", { issuer: ISSUER, how: "identity" }],
    ]);
  });

  it("refuses an email the issuer has not verified, and links nothing", async () => {
    const user = await seedUser({ email: `unverified-${randomUUID().slice(0, 8)}@corp.example.test` });
    expect(await resolveSsoUser(profile({ email: user.email, emailVerified: false }), open)).toEqual({ ok: false, reason: "unverified-email", userId: null });
    // A missing claim cannot vouch for the email either (no link, no account created).
    const missing = profile({ emailVerified: null });
    expect(await resolveSsoUser(missing, open)).toEqual({ ok: false, reason: "unverified-email", userId: null });
    expect(await identities(user.id)).toEqual([]);
    expect(await db.user.findUnique({ where: { email: missing.email! } })).toBeNull();
    expect(await ssoAudit(user.email)).toEqual([["auth.sign-in-failed", { method: "sso", issuer: ISSUER, reason: "unverified-email" }]]);
  });

  it("creates a member without a password on a first sign-in when auto-create is on", async () => {
    const p = profile({ name: "  Ada Lovelace " });
    const result = await resolveSsoUser(p, open);
    expect(result).toMatchObject({ ok: true, how: "created", user: { email: p.email, name: "Ada Lovelace", role: "member" } });
    const row = await db.user.findUniqueOrThrow({ where: { email: p.email! }, select: { id: true, passwordHash: true, role: true, disabledAt: true } });
    expect(row).toMatchObject({ passwordHash: null, role: "member", disabledAt: null });
    expect(await identities(row.id)).toEqual([{ issuer: ISSUER, subject: p.subject, email: p.email }]);
    expect(await ssoAudit(p.email!)).toEqual([
      ["user.create", { email: p.email, role: "member", issuer: ISSUER }],
      ["auth.sso-sign-in", { issuer: ISSUER, how: "created" }],
    ]);
  });

  it("with auto-create off, admits only existing users (matched by verified email)", async () => {
    const policy: SsoPolicy = { allowedDomains: [], autoCreate: false };
    const stranger = profile();
    expect(await resolveSsoUser(stranger, policy)).toEqual({ ok: false, reason: "no-account", userId: null });
    expect(await db.user.findUnique({ where: { email: stranger.email! } })).toBeNull();
    const user = await seedUser({ email: `existing-${randomUUID().slice(0, 8)}@corp.example.test` });
    expect(await resolveSsoUser(profile({ email: user.email }), policy)).toEqual({ ok: true, user, how: "linked-by-email" });
  });

  it("enforces the domain allow-list on every sign-in", async () => {
    const policy: SsoPolicy = { allowedDomains: ["corp.example.test"], autoCreate: true };
    const outside = profile({ email: `x-${randomUUID().slice(0, 8)}@evil.example.test` });
    expect(await resolveSsoUser(outside, policy)).toEqual({ ok: false, reason: "domain-not-allowed", userId: null });
    // A subdomain is not the domain.
    expect(await resolveSsoUser(profile({ email: `y-${randomUUID().slice(0, 8)}@sub.corp.example.test` }), policy)).toMatchObject({ ok: false, reason: "domain-not-allowed" });
    expect(await resolveSsoUser(profile({ email: null }), policy)).toMatchObject({ ok: false, reason: "domain-not-allowed" });
    expect(await db.user.findUnique({ where: { email: outside.email! } })).toBeNull();
    const inside = profile();
    expect(await resolveSsoUser(inside, policy)).toMatchObject({ ok: true, how: "created" });
    // Once linked, an identity whose email moved outside the list is refused too.
    expect(await resolveSsoUser({ ...inside, email: "moved@evil.example.test" }, policy)).toMatchObject({ ok: false, reason: "domain-not-allowed" });
  });

  it("refuses a disabled account, whether linked already or matched by email", async () => {
    const user = await seedUser({ email: `off-${randomUUID().slice(0, 8)}@corp.example.test` });
    const p = profile({ email: user.email });
    expect(await resolveSsoUser(p, open)).toMatchObject({ ok: true });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await resolveSsoUser(p, open)).toEqual({ ok: false, reason: "disabled", userId: user.id });
    const other = await seedUser({ email: `off2-${randomUUID().slice(0, 8)}@corp.example.test` });
    await db.user.update({ where: { id: other.id }, data: { disabledAt: new Date() } });
    expect(await resolveSsoUser(profile({ email: other.email }), open)).toEqual({ ok: false, reason: "disabled", userId: other.id });
    expect(await identities(other.id)).toEqual([]);
  });

  it("does not hand an account to a second person at the same issuer who now has its email", async () => {
    const user = await seedUser({ email: `reassigned-${randomUUID().slice(0, 8)}@corp.example.test` });
    const first = profile({ email: user.email });
    expect(await resolveSsoUser(first, open)).toMatchObject({ ok: true, how: "linked-by-email" });
    expect(await resolveSsoUser(profile({ email: user.email }), open)).toEqual({ ok: false, reason: "identity-conflict", userId: user.id });
    expect((await identities(user.id)).map((i) => i.subject)).toEqual([first.subject]);
  });

  it("creates one account when the same person's first sign-ins race", async () => {
    const p = profile();
    const results = await Promise.all([resolveSsoUser(p, open), resolveSsoUser(p, open), resolveSsoUser(p, open)]);
    const ids = new Set(results.map((r) => (r.ok ? r.user.id : r.reason)));
    expect(ids.size).toBe(1);
    expect(results.map((r) => (r.ok ? r.how : r.reason)).sort()).toEqual(["created", "identity", "identity"]);
    expect(await db.userIdentity.count({ where: { issuer: ISSUER, subject: p.subject } })).toBe(1);
  });
});
