import { createHash } from "node:crypto";

/**
 * The stored form of a token: SHA-256 hex of the whole token. A fast hash is right here (unlike
 * passwords): the token is 256 random bits, so there is nothing to brute-force, and argon2 would add
 * tens of milliseconds to every API call.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
