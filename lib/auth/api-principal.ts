import "server-only";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import type { ApiTokenScope } from "@/lib/api-tokens/schemas";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";

/** Who calls /api/v1: a personal API token's user, or the signed-in user of the session cookie. */
export type ApiPrincipal = { via: "token"; user: PublicUser; tokenId: string; scope: ApiTokenScope } | { via: "session"; user: PublicUser };

/** The versioned REST API; its routes accept bearer tokens, and answer errors as `{ error: { code, message } }`. */
export const API_PATH_PREFIX = "/api/v1/";

export function isApiRequest(req: Request): boolean {
  return new URL(req.url).pathname.startsWith(API_PATH_PREFIX);
}

/**
 * With an Authorization header, only `Bearer tb_…` is accepted and the token decides (no fallback to
 * the cookie: a script with a bad token must see 401, not act as whoever is signed in). Without one, the
 * session cookie works as on every page. Either way the user is re-read, so a disabled user is refused.
 */
export async function resolveApiPrincipal(req: Request): Promise<ApiPrincipal> {
  const header = req.headers.get("authorization");
  if (header === null) return { via: "session", user: await requireUser() };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw new AppError("UNAUTHENTICATED", "Send a personal API token as `Authorization: Bearer tb_…`.");
  const token = await authenticateApiToken(match[1]!);
  return { via: "token", user: token.user, tokenId: token.tokenId, scope: token.scope };
}
