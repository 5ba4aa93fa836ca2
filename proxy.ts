// Next.js 16's request proxy (the former middleware.ts). Next only looks for it here, beside app/, so
// it cannot live under lib/; it holds no logic, and is not an authorization boundary (ARCHITECTURE.md).
import type { NextRequest } from "next/server";
import { securePageRequest } from "@/lib/security/secure-page-request";

export function proxy(request: NextRequest) {
  return securePageRequest(request);
}

export const config = {
  // Pages, server actions and the workbench's own route handlers. Not /api (bearer-token API calls and
  // Auth.js's endpoints check themselves), not Next's static files, not link prefetches, and not the
  // report downloads (…/download): the proxy's policy would replace the stored report's own sandbox.
  matcher: [
    {
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg)(?!.*/download$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
