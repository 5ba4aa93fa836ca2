import { randomBytes } from "node:crypto";

/** A random initial password (20 base64url characters, 120 bits), shown to the admin once. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
