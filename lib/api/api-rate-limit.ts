// Rate limiting of /api/v1: a fixed one-minute window of TRAILBENCH_API_RATE_PER_MINUTE requests per API
// token (or per user for cookie calls), which may be spent in one burst. Counted in this process's
// memory: Trailbench runs one web process. A multi-node deployment would swap RateLimiterMemory for
// rate-limiter-flexible's RateLimiterPostgres on the same database, with the same keys.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env.js";

export type RateLimitState = { limited: boolean; limit: number; remaining: number; resetSeconds: number };

const WINDOW_SECONDS = 60;
let limiter: RateLimiterMemory | null = null;

function getLimiter(): RateLimiterMemory {
  limiter ??= new RateLimiterMemory({ points: env.TRAILBENCH_API_RATE_PER_MINUTE, duration: WINDOW_SECONDS });
  return limiter;
}

/** Takes one request from `key`'s allowance ("token:<id>" or "user:<id>") and says whether it was over. */
export async function consumeApiRateLimit(key: string): Promise<RateLimitState> {
  const limit = env.TRAILBENCH_API_RATE_PER_MINUTE;
  try {
    const res = await getLimiter().consume(key);
    return { limited: false, limit, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { limited: true, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
  }
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), plus Retry-After when over. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=${WINDOW_SECONDS}`,
    ...(state.limited ? { "Retry-After": String(state.resetSeconds) } : {}),
  };
}
