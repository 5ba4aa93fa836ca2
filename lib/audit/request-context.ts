// The client IP and user agent of the request being served, for the audit log. Safe to call anywhere:
// outside a request (worker, CLI, tests) it returns nulls.
//
// Next 16's App Router exposes no socket address (NextRequest.ip went away in Next 15), and `next start`
// sets X-Forwarded-For from the socket only when the client sent none (`??=`), so that header is
// client-controlled unless a proxy we trust overwrites or appends to it. Hence: with
// TRAILBENCH_TRUST_PROXY=N, the client IP is the N-th address from the right of X-Forwarded-For (each
// trusted proxy appends the address it received the request from); without it, no IP is recorded
// rather than a forgeable one. X-Real-IP is never used: nothing in front of Next sets it by default.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { isIP } from "node:net";
import { env } from "@/lib/env.js";

export type RequestContext = { ip: string | null; userAgent: string | null };

const MAX_USER_AGENT = 512;

/** Pure: the client IP from an X-Forwarded-For value and the number of trusted proxy hops. */
export function clientIpFromForwardedFor(forwardedFor: string | null, trustedHops: number): string | null {
  if (!forwardedFor || trustedHops < 1) return null;
  const hops = forwardedFor.split(",").map((s) => s.trim()).filter(Boolean);
  const candidate = hops[hops.length - trustedHops];
  if (!candidate) return null;
  // "[::1]:443" or "1.2.3.4:5678" (some proxies add ports)
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  const hostPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(candidate);
  const address = bracketed?.[1] ?? hostPort?.[1] ?? candidate;
  return isIP(address) ? address : null;
}

export async function readRequestContext(): Promise<RequestContext> {
  let h: Headers;
  try {
    h = await headers();
  } catch (err) {
    unstable_rethrow(err); // Next's own control-flow errors (prerender bail-outs) must propagate
    return { ip: null, userAgent: null };
  }
  const ua = h.get("user-agent");
  return {
    ip: clientIpFromForwardedFor(h.get("x-forwarded-for"), env.TRAILBENCH_TRUST_PROXY),
    userAgent: ua ? ua.slice(0, MAX_USER_AGENT) : null,
  };
}
