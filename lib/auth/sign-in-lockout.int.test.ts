// Password sign-in lockout (issue #9): five failed sign-ins for an email since its last success lock it
// for 15 minutes (the defaults); while locked even the right password is refused and each attempt is
// audited as auth.sign-in-locked without extending the lock; a success resets the count; an unknown email
// locks the same way (nothing to learn about which accounts exist).
import { describe, expect, it } from "vitest";
import { signInLockout } from "@/lib/auth/sign-in-lockout";
import { getPool } from "@/lib/db/client";
import { seedUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { verifyCredentials } from "@/lib/users/verify-credentials";

const auditOf = async (email: string) =>
  (await getPool().query<{ action: string }>(`SELECT action FROM audit_log WHERE actor_label = $1 ORDER BY id`, [email])).rows.map((r) => r.action);

describe("password sign-in lockout", () => {
  it("locks an email after five failures, refuses the right password while locked, and audits each refusal", async () => {
    const user = await seedUser();
    for (let i = 0; i < 5; i++) expect(await verifyCredentials({ email: user.email.toUpperCase(), password: `wrong ${i}` })).toBeNull();
    const lock = await signInLockout(user.email);
    expect(lock.locked).toBe(true);
    if (lock.locked) {
      expect(lock.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(lock.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    }
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toBeNull();
    expect(await auditOf(user.email)).toEqual([...Array(5).fill("auth.sign-in-failed"), "auth.sign-in-locked", "auth.sign-in-locked"]);
    // Refused attempts do not extend the lock: it ends 15 minutes after the fifth failure.
    const later = await signInLockout(user.email, new Date(Date.now() + 15 * 60_000 + 1_000));
    expect(later).toEqual({ locked: false });
  });

  it("counts only failures since the last success, and four are not enough", async () => {
    const user = await seedUser();
    for (let i = 0; i < 4; i++) await verifyCredentials({ email: user.email, password: "wrong" });
    expect(await signInLockout(user.email)).toEqual({ locked: false });
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
    for (let i = 0; i < 4; i++) await verifyCredentials({ email: user.email, password: "wrong" });
    expect(await signInLockout(user.email)).toEqual({ locked: false });
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
  });

  it("locks unknown emails the same way, and one email's lock leaves others alone", async () => {
    const ghost = `nobody-${Date.now()}@example.test`;
    for (let i = 0; i < 5; i++) await verifyCredentials({ email: ghost, password: "guess" });
    expect((await signInLockout(ghost)).locked).toBe(true);
    const other = await seedUser();
    expect(await verifyCredentials({ email: other.email, password: TEST_PASSWORD })).toMatchObject({ id: other.id });
  });
});
