import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import { TEST_PASSWORD, seedUser } from "@/lib/testing/factories";

describe("users", () => {
  it("stores an argon2id hash, never the password, and lower-cases the email", async () => {
    const user = await createUser({ email: "  Mixed.Case@Example.TEST ", name: "M", password: TEST_PASSWORD });
    expect(user.email).toBe("mixed.case@example.test");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("refuses a duplicate email whatever its case, with a clear conflict", async () => {
    const user = await seedUser();
    const dup = createUser({ email: user.email.toUpperCase(), name: "Dup", password: TEST_PASSWORD });
    await expect(dup).rejects.toBeInstanceOf(AppError);
    await expect(dup).rejects.toThrow(`A user with the email ${user.email} already exists.`);
  });

  it("refuses a short password", async () => {
    await expect(createUser({ email: "short@example.test", name: "S", password: "short" })).rejects.toThrow("Use at least 12 characters.");
  });

  it("verifies credentials: right password only, unknown email and disabled accounts refused", async () => {
    const user = await seedUser();
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toEqual(user);
    expect(await verifyCredentials({ email: user.email.toUpperCase(), password: TEST_PASSWORD })).toEqual(user);
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD + "x" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@example.test", password: TEST_PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: user.email })).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toBeNull();
  });
});
