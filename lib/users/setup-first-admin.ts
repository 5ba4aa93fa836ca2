import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/users/passwords";
import { selectPublicUser, type PublicUser } from "@/lib/users/create-user";
import { ZCreateUserInput, type TCreateUserInput } from "@/lib/users/schemas";

// Any fixed number: serialises concurrent first-run setups so exactly one administrator is created.
const SETUP_LOCK_ID = 0x7b5e7;

/** Creates the first administrator, only while no user exists at all (there is no default password). */
export async function setupFirstAdmin(input: Omit<TCreateUserInput, "role">): Promise<PublicUser> {
  const data = ZCreateUserInput.parse({ ...input, role: "admin" });
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_ID})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("CONFLICT", "Trailbench is already set up: sign in instead.");
    }
    return tx.user.create({
      data: { email: data.email, name: data.name, role: "admin", passwordHash },
      select: selectPublicUser,
    });
  });
}

export async function isSetupComplete(): Promise<boolean> {
  return (await db.user.count()) > 0;
}
