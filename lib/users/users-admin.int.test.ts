import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db, getPool } from "@/lib/db/client";
import { seedUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { adminCreateUser } from "@/lib/users/admin-create-user";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { listUsers } from "@/lib/users/list-users";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { setUserRole } from "@/lib/users/set-user-role";
import { verifyCredentials } from "@/lib/users/verify-credentials";

// requireUser reads the Auth.js session; here the session says "signed in as sessionUserId", and the
// database (real) decides whether that still counts.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth-options", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
const { requireUser } = await import("@/lib/auth/session");

async function expectNotFound(p: Promise<unknown>) {
  await expect(p).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
}

async function auditRows(targetId: string) {
  const { rows } = await getPool().query<{ action: string; actor_id: string | null; detail: Record<string, unknown> }>(
    `SELECT action, actor_id, detail FROM audit_log WHERE target_type = 'user' AND target_id = $1 AND action LIKE 'user.%' ORDER BY id`,
    [targetId],
  );
  return rows;
}

/** The tests share one database: make every other admin inactive for this one by disabling them. */
async function onlyActiveAdmin() {
  await db.user.updateMany({ where: { role: "admin", disabledAt: null }, data: { disabledAt: new Date() } });
  return seedUser({ role: "admin" });
}

beforeEach(() => {
  session.userId = null;
});

describe("user administration", () => {
  it("refuses every admin operation to a member and to a disabled admin, as NOT_FOUND", async () => {
    const member = await seedUser();
    const target = await seedUser();
    const formerAdmin = await seedUser({ role: "admin" });
    await db.user.update({ where: { id: formerAdmin.id }, data: { disabledAt: new Date() } });
    for (const actor of [member, formerAdmin]) {
      await expectNotFound(listUsers(actor));
      await expectNotFound(adminCreateUser(actor, { email: "x-new@example.test", name: "X", role: "admin", password: TEST_PASSWORD }));
      await expectNotFound(setUserDisabled(actor, { userId: target.id, disabled: true }));
      await expectNotFound(setUserRole(actor, { userId: actor.id, role: "admin" }));
      await expectNotFound(resetUserPassword(actor, { userId: target.id, password: "a brand new password" }));
    }
    expect(await db.user.findUnique({ where: { email: "x-new@example.test" } })).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("member");
    expect(await verifyCredentials({ email: target.email, password: TEST_PASSWORD })).toEqual(target);
    expect(await auditRows(target.id)).toEqual([]);
  });

  it("creates users with a typed or a generated initial password, lists them, and refuses duplicates", async () => {
    const admin = await seedUser({ role: "admin" });
    const typed = await adminCreateUser(admin, { email: "Typed.User@Example.TEST", name: " Typed ", role: "member", password: "typed password 123" });
    expect(typed).toMatchObject({ email: "typed.user@example.test", name: "Typed", role: "member", generatedPassword: null });
    expect(await verifyCredentials({ email: typed.email, password: "typed password 123" })).toEqual({ id: typed.id, email: typed.email, name: "Typed", role: "member" });

    const generated = await adminCreateUser(admin, { email: `gen-${typed.id.slice(0, 8)}@example.test`, name: "Gen", role: "admin", password: "" });
    expect(generated.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await verifyCredentials({ email: generated.email, password: generated.generatedPassword! })).toMatchObject({ id: generated.id, role: "admin" });

    await expect(adminCreateUser(admin, { email: typed.email.toUpperCase(), name: "Dup", role: "member", password: "" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A user with the email typed.user@example.test already exists.",
    });
    await expect(adminCreateUser(admin, { email: "short@example.test", name: "S", role: "member", password: "short" })).rejects.toThrow("Use at least 12 characters.");

    const listed = (await listUsers(admin)).filter((u) => [typed.id, generated.id].includes(u.id));
    expect(listed.map((u) => [u.email, u.name, u.role, u.disabledAt, u.lastSignInAt, u.hasPassword, u.ssoIdentities])).toEqual([
      ["typed.user@example.test", "Typed", "member", null, null, true, 0],
      [generated.email, "Gen", "admin", null, null, true, 0],
    ]);
    const audit = await auditRows(generated.id);
    expect(audit).toEqual([{ action: "user.create", actor_id: admin.id, detail: { email: generated.email, role: "admin" } }]);
    expect(JSON.stringify(audit)).not.toContain(generated.generatedPassword);
  });

  it("disables a user: their password is refused and their existing session stops working; enabling restores both", async () => {
    const admin = await seedUser({ role: "admin" });
    const user = await seedUser();
    session.userId = user.id;
    expect(await requireUser()).toEqual(user);

    const disabled = await setUserDisabled(admin, { userId: user.id, disabled: true });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toBeNull();
    await expect(requireUser()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // Disabling again changes nothing and records nothing.
    expect((await setUserDisabled(admin, { userId: user.id, disabled: true })).disabledAt).toEqual(disabled.disabledAt);

    expect(await setUserDisabled(admin, { userId: user.id, disabled: false })).toEqual({ disabledAt: null });
    expect(await requireUser()).toEqual(user);
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toEqual(user);
    expect((await auditRows(user.id)).map((r) => [r.action, r.actor_id])).toEqual([
      ["user.disable", admin.id],
      ["user.enable", admin.id],
    ]);
    await expectNotFound(setUserDisabled(admin, { userId: "00000000-0000-4000-8000-000000000000", disabled: true }));
    await expectNotFound(setUserDisabled(admin, { userId: "nope", disabled: true }));
  });

  it("keeps an active administrator: the last one can be neither disabled nor demoted, even by themselves", async () => {
    const admin = await onlyActiveAdmin();
    await expect(setUserDisabled(admin, { userId: admin.id, disabled: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setUserRole(admin, { userId: admin.id, role: "member" })).rejects.toThrow(
      "This is the last active administrator: make another user an administrator before changing this role.",
    );
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { role: true, disabledAt: true } })).toEqual({ role: "admin", disabledAt: null });

    const second = await seedUser();
    expect(await setUserRole(admin, { userId: second.id, role: "admin" })).toEqual({ role: "admin" });
    expect(await setUserRole(admin, { userId: admin.id, role: "member" })).toEqual({ role: "member" });
    // No longer an admin: the next admin operation is refused.
    await expectNotFound(setUserRole(admin, { userId: admin.id, role: "admin" }));
    expect((await auditRows(admin.id)).map((r) => [r.action, r.actor_id, r.detail])).toEqual([
      ["user.role", admin.id, { email: admin.email, from: "admin", to: "member" }],
    ]);
    await expect(setUserRole(second, { userId: second.id, role: "owner" })).rejects.toThrow("Choose admin or member.");
  });

  it("resets a password (typed or generated) and lets users change their own with the current one", async () => {
    const admin = await seedUser({ role: "admin" });
    const user = await seedUser();
    expect(await resetUserPassword(admin, { userId: user.id, password: "reset by the admin 1" })).toEqual({ generatedPassword: null });
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "reset by the admin 1" })).toEqual(user);
    const { generatedPassword } = await resetUserPassword(admin, { userId: user.id });
    expect(await verifyCredentials({ email: user.email, password: generatedPassword! })).toEqual(user);
    await expectNotFound(resetUserPassword(admin, { userId: "00000000-0000-4000-8000-000000000000", password: "whatever password" }));

    await expect(changeOwnPassword(user, { currentPassword: "wrong one", newPassword: "my own new password", confirm: "my own new password" })).rejects.toThrow(
      "The current password is wrong.",
    );
    await expect(changeOwnPassword(user, { currentPassword: generatedPassword!, newPassword: "my own new password", confirm: "typo" })).rejects.toThrow(
      "The two new passwords differ.",
    );
    await changeOwnPassword(user, { currentPassword: generatedPassword!, newPassword: "my own new password", confirm: "my own new password" });
    expect(await verifyCredentials({ email: user.email, password: generatedPassword! })).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "my own new password" })).toEqual(user);
    expect((await auditRows(user.id)).map((r) => [r.action, r.actor_id])).toEqual([
      ["user.password-reset", admin.id],
      ["user.password-reset", admin.id],
      ["user.password-change", user.id],
    ]);

    const ssoOnly = await seedUser();
    await db.user.update({ where: { id: ssoOnly.id }, data: { passwordHash: null } });
    await expect(changeOwnPassword(ssoOnly, { currentPassword: "x", newPassword: "my own new password", confirm: "my own new password" })).rejects.toThrow(
      "Your account signs in through single sign-on: it has no Trailbench password to change.",
    );
  });

  it("has no path that deletes a user: no lib/users function and no server action does", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const sources = [
      ...readdirSync(path.join(root, "lib/users")).filter((f) => f.endsWith(".ts") && !f.includes(".test.")).map((f) => path.join(root, "lib/users", f)),
      path.join(root, "app/(workbench)/admin/users/actions.ts"),
      path.join(root, "app/(workbench)/account/actions.ts"),
    ];
    const offending = sources.filter((f) => /\bdelete\w*\s*\(|DELETE\s+FROM\s+"?users|export (async )?function \w*(delete|remove)\w*User/i.test(readFileSync(f, "utf8")));
    expect(offending).toEqual([]);
    expect(sources.length).toBeGreaterThan(10);
  });
});
