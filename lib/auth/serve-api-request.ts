import "server-only";
import { apiErrorResponse } from "@/lib/api/api-error-response";
import { consumeApiRateLimit, rateLimitHeaders } from "@/lib/api/api-rate-limit";
import { resolveApiPrincipal } from "@/lib/auth/api-principal";
import { assertSameOrigin } from "@/lib/auth/assert-same-origin";
import { AppError, isExpectedError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * One /api/v1 request, for the caseRoute and userRoute guards: the caller (bearer token or session),
 * its rate limit (RateLimit-* headers on every answer, 429 with Retry-After when over), read-only tokens
 * refused on writes (403), cookie writes checked for same origin, then `run` as the caller's user. Errors
 * are `{ error: { code, message } }`. Case access stays in `run` (resolveCaseScope: foreign → 404).
 */
export async function serveApiRequest(req: Request, where: string, run: (user: PublicUser) => Promise<Response>): Promise<Response> {
  let headers: Record<string, string> = {};
  try {
    const principal = await resolveApiPrincipal(req);
    const state = await consumeApiRateLimit(principal.via === "token" ? `token:${principal.tokenId}` : `user:${principal.user.id}`);
    headers = rateLimitHeaders(state);
    if (state.limited) throw new AppError("RATE_LIMITED", `More than ${state.limit} requests in a minute: retry in ${state.resetSeconds} s.`);
    if (!READS.has(req.method)) {
      if (principal.via === "token" && principal.scope !== "read-write") {
        throw new AppError("FORBIDDEN", "This API token is read-only: create a read-write token to change data.");
      }
      if (principal.via === "session") assertSameOrigin(req);
    }
    const res = await run(principal.user);
    const merged = new Headers(res.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers: merged });
  } catch (error) {
    if (isExpectedError(error) && error.code === "UNAUTHENTICATED") headers = { ...headers, "WWW-Authenticate": 'Bearer realm="trailbench"' };
    return apiErrorResponse(error, where, headers);
  }
}
