import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { assertSameOrigin } from "@/lib/auth/assert-same-origin";
import { env } from "@/lib/env.js";
import { AppError, isExpectedError } from "@/lib/errors";
import { buildContentSecurityPolicy } from "@/lib/security/content-security-policy";

/**
 * What proxy.ts does for every page request (not /api, not static files):
 *
 * 1. A state change (any method but GET/HEAD/OPTIONS: server actions, the workbench's own upload
 *    routes) must come from our own pages, with the same check the route guards apply
 *    (lib/auth/assert-same-origin.ts). Next already refuses a server action whose Origin is foreign,
 *    but lets one without an Origin through; browsers send Origin on every POST, so a request without
 *    one is not a browser's and is refused here, as the route handlers refuse it. Defence in depth: the
 *    guards and Next's own check stay in place.
 * 2. A fresh nonce and the Content-Security-Policy built from it go on the request (Next reads the nonce
 *    from the request's policy and puts it on its own inline and bootstrap scripts) and on the response.
 */
export function securePageRequest(request: NextRequest): NextResponse {
  if (request.method !== "OPTIONS") {
    try {
      assertSameOrigin(request);
    } catch (error) {
      const refused = isExpectedError(error) ? error : new AppError("FORBIDDEN_ORIGIN");
      return NextResponse.json({ error: refused.message, code: refused.code }, { status: refused.httpStatus });
    }
  }
  const policy = buildContentSecurityPolicy({ nonce: randomBytes(18).toString("base64"), dev: env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}
