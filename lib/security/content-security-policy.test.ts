import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy } from "@/lib/security/content-security-policy";

const NONCE = "q2yGsbnNcO7DD1pvHk6uvOuS";
const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("buildContentSecurityPolicy", () => {
  it("production: scripts only with the nonce, no inline or eval, styles by nonce, style attributes inline", () => {
    expect(buildContentSecurityPolicy({ nonce: NONCE, dev: false })).toBe(
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`,
        `style-src 'self' 'nonce-${NONCE}'`,
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ].join("; "),
    );
  });

  it("development adds only 'unsafe-eval' for scripts and inline <style> (Next's dev overlay)", () => {
    const prod = directives(buildContentSecurityPolicy({ nonce: NONCE, dev: false }));
    const dev = directives(buildContentSecurityPolicy({ nonce: NONCE, dev: true }));
    expect(dev["script-src"]).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    const { "script-src": _s, "style-src": _t, ...devRest } = dev;
    const { "script-src": _p, "style-src": _q, ...prodRest } = prod;
    expect(devRest).toEqual(prodRest);
  });

  it("never allows inline scripts, eval in production, or another origin", () => {
    for (const dev of [false, true]) {
      const d = directives(buildContentSecurityPolicy({ nonce: NONCE, dev }));
      expect(d["script-src"]).not.toContain("'unsafe-inline'");
      expect(Object.values(d).flat().filter((s) => /^(https?:|\*|'unsafe-hashes')/.test(s))).toEqual([]);
      if (!dev) expect(Object.values(d).flat()).not.toContain("'unsafe-eval'");
    }
  });

  it("refuses a nonce that could break out of its source expression or is too short to be unguessable", () => {
    for (const bad of ["", "short", `${NONCE}' 'unsafe-inline`, `${NONCE}; script-src *`, "a".repeat(15)]) {
      expect(() => buildContentSecurityPolicy({ nonce: bad, dev: false }), bad).toThrow("A CSP nonce is at least 16 base64 characters.");
    }
  });
});
