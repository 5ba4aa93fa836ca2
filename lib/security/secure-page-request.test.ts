import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { securePageRequest } from "@/lib/security/secure-page-request";

const BASE = "http://127.0.0.1:3000";
const request = (method: string, headers: Record<string, string>) =>
  new NextRequest(`${BASE}/cases/new`, { method, headers: { host: "127.0.0.1:3000", ...headers } });
// NextResponse.next({ request: { headers } }) hands the new request headers to Next as x-middleware-request-*.
const forwardedPolicy = (res: Response) => res.headers.get("x-middleware-request-content-security-policy");
const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

describe("securePageRequest", () => {
  it("puts one fresh nonce per request in the policy it sends to the page and to the browser", () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = securePageRequest(request("GET", {}));
      expect(res.headers.get("x-middleware-next")).toBe("1");
      const policy = res.headers.get("content-security-policy");
      expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]{24}' 'strict-dynamic'; style-src 'self' 'nonce-/);
      expect(forwardedPolicy(res)).toBe(policy);
      nonces.add(nonceOf(policy)!);
    }
    expect(nonces.size).toBe(20);
  });

  it("lets a same-origin state change through, with the policy", () => {
    const res = securePageRequest(request("POST", { origin: BASE, "next-action": "abc" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(nonceOf(res.headers.get("content-security-policy"))).toBeDefined();
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["no Origin", {}],
    ['Origin "null"', { origin: "null" }],
    ["a look-alike host", { origin: "http://127.0.0.1:3000.evil.example" }],
    ["another port", { origin: "http://127.0.0.1:3001" }],
  ])("refuses a state change with %s: 403, and the request goes no further", async (_name, headers) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = securePageRequest(request(method, { ...headers, "next-action": "abc", cookie: "authjs.session-token=x" }));
      expect(res.status, method).toBe(403);
      expect(res.headers.get("x-middleware-next"), method).toBeNull();
      expect(await res.json()).toEqual({ error: "Cross-site request refused.", code: "FORBIDDEN_ORIGIN" });
    }
  });
});
