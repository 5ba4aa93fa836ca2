import { hashApiToken } from "@/lib/api-tokens/hash-api-token";
import { API_TOKEN_PATTERN, type ApiTokenScope } from "@/lib/api-tokens/schemas";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";

export type AuthenticatedToken = { tokenId: string; scope: ApiTokenScope; user: PublicUser };

type Row = {
  id: string;
  scope: string;
  stale: boolean;
  usable: boolean;
  userId: string;
  email: string;
  name: string;
  role: "admin" | "member";
};

const REJECTED = "The API token is not valid: unknown, revoked or expired, or its user is disabled.";

/**
 * The token's user and scope, or UNAUTHENTICATED (401) for a malformed, unknown, revoked or expired
 * token or a disabled user, all with one message. Looked up by the SHA-256 of the token (unique index).
 * last_used_at is written at most once a minute per token, so a busy script does not write on every call.
 */
export async function authenticateApiToken(token: string): Promise<AuthenticatedToken> {
  if (!API_TOKEN_PATTERN.test(token)) throw new AppError("UNAUTHENTICATED", REJECTED);
  const pool = getPool();
  const { rows } = await pool.query<Row>(
    `SELECT t.id, t.scope,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
            (t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL) AS usable,
            u.id AS "userId", u.email, u.name, u.role
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1`,
    [hashApiToken(token)],
  );
  const row = rows[0];
  if (!row || !row.usable) throw new AppError("UNAUTHENTICATED", REJECTED);
  if (row.stale) {
    await pool.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [row.id]);
  }
  return {
    tokenId: row.id,
    scope: row.scope === "read-write" ? "read-write" : "read",
    user: { id: row.userId, email: row.email, name: row.name, role: row.role },
  };
}
