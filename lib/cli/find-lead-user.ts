import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * The user who will lead a case created from the CLI (operator action): the given email, or without
 * one the first active administrator, so that on a single-admin install `trailbench cases create X`
 * makes a case its admin can open. Null when there is nobody; an unknown email is an error, found
 * before the case is created.
 */
export async function findLeadUser(email: string | undefined): Promise<{ id: string; email: string } | null> {
  const user = email
    ? await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } })
    : await db.user.findFirst({ where: { role: "admin", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, email: true } });
  if (!user && email) throw new AppError("NOT_FOUND", `No user with the email ${email}.`);
  return user;
}
