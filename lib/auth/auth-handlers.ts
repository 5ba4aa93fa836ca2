import { handlers } from "@/lib/auth/auth-options";
import { env } from "@/lib/env.js";

type AuthRequest = Parameters<typeof handlers.GET>[0];

/**
 * Auth.js builds the OAuth redirect_uri from the Host header when a sign-in starts in a server action,
 * but from the request URL in these route handlers, and Next's request URL spells every loopback host
 * (127.0.0.1, [::1]) "localhost". Browsing http://127.0.0.1:3000 (the default HOST), the OIDC callback
 * would send the token endpoint a redirect_uri that differs from the authorization request's, and the
 * issuer refuses the code. So, as Auth.js itself does for AUTH_URL, the request is re-addressed to
 * the host the browser used (trustHost is on). A plain Request, because a NextRequest would normalise
 * the host back to "localhost". With AUTH_URL set, Auth.js's own rewrite applies instead.
 */
async function withRequestHost(req: Request): Promise<Request> {
  if (env.AUTH_URL) return req;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return req;
  const url = new URL(req.url);
  const proto = req.headers.get("x-forwarded-proto");
  let target: URL;
  try {
    target = new URL(url.pathname + url.search, `${proto ? proto.replace(/:$/, "") + ":" : url.protocol}//${host}`);
  } catch {
    return req;
  }
  if (target.origin === url.origin) return req;
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new Request(target, { method: req.method, headers: req.headers, body });
}

/** Auth.js's own endpoints (/api/auth/*): CSRF token, callbacks, session. */
export const authHandlers = {
  GET: async (req: Request) => handlers.GET((await withRequestHost(req)) as AuthRequest),
  POST: async (req: Request) => handlers.POST((await withRequestHost(req)) as AuthRequest),
};
