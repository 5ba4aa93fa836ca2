// CSRF, at the guard layer (issue #9): every state-changing export (POST/PUT/PATCH/DELETE) of every
// app/**/route.ts, found on disk like route-inventory.test.ts finds them, refuses a cookie-session request
// whose Origin is foreign, "null" or missing with 403 FORBIDDEN_ORIGIN, before it reads the body or
// reaches lib (there is no database here: anything past the guard would fail with a 500). proxy.ts refuses
// the same requests earlier for non-/api paths; e2e/16-web-security.spec.ts proves both layers together
// over real HTTP, with no change in the database, and that bearer-token API calls are allowed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth-options", () => ({ handlers: { GET: vi.fn(), POST: vi.fn() }, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }));
// A signed-in cookie session (the state a CSRF attack rides on).
const user = { id: "00000000-0000-4000-8000-0000000000aa", email: "ana@example.test", name: "Ana", role: "admin" as const };
vi.mock("@/lib/auth/session", () => ({ getSessionUser: vi.fn(async () => user), requireUser: vi.fn(async () => user) }));

const APP = path.resolve(import.meta.dirname, "../../app");
const GUARD = Symbol.for("trailbench.guard");
const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;
/**
 * State-changing handlers that are deliberately not behind the same-origin check, with the reason.
 * Auth.js's endpoints: its sign-in and sign-out POSTs carry its own double-submit CSRF token, and an
 * OIDC issuer may post its callback from its own origin (e2e/16 proves the cross-site POSTs change nothing).
 */
const EXEMPT: Record<string, string> = { "api/auth/[...nextauth]/route.ts POST": "Auth.js double-submit CSRF token" };

function findRoutes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findRoutes(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

const routes = findRoutes(APP).map((file) => ({ file, rel: path.relative(APP, file) }));
const URL_PATH = (rel: string) =>
  "/" +
  path
    .dirname(rel)
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[") ? "00000000-0000-4000-8000-000000000001" : s))
    .join("/");

describe("cross-site requests to route handlers", () => {
  it("finds the state-changing handlers by reading the sources, and the module exports agree", async () => {
    const found: string[] = [];
    for (const { file, rel } of routes) {
      const source = readFileSync(file, "utf8");
      const declared = [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      const mod = (await import(file)) as Record<string, unknown>;
      expect(WRITES.filter((m) => m in mod).sort(), rel).toEqual([...declared].sort());
      found.push(...declared.map((m) => `${rel} ${m}`));
    }
    // At least the upload routes, the IP database upload, the API's bookmark and Auth.js: a broken finder fails here.
    expect(found).toEqual(expect.arrayContaining([
      "(workbench)/admin/ip-data/upload/route.ts POST",
      "(workbench)/cases/[caseId]/ingest/upload/complete/route.ts POST",
      "(workbench)/cases/[caseId]/ingest/upload/route.ts POST",
      "api/auth/[...nextauth]/route.ts POST",
      "api/v1/cases/[caseId]/bookmarks/route.ts POST",
    ]));
    for (const key of Object.keys(EXEMPT)) expect(found, `exemption ${key} names a real handler`).toContain(key);
  });

  const cases = routes.flatMap(({ file, rel }) => {
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g)]
      .map((m) => ({ file, rel, method: m[1]! }))
      .filter((c) => !(`${c.rel} ${c.method}` in EXEMPT));
  });

  it.each(cases.map((c) => [`${c.method} ${c.rel}`, c] as const))("%s refuses a foreign, null or missing Origin with 403", async (_name, c) => {
    const mod = (await import(c.file)) as Record<string, (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
    const handler = mod[c.method]!;
    expect(["caseRoute", "userRoute"], "a state change needs a signed-in guard").toContain((handler as unknown as Record<symbol, unknown>)[GUARD]);
    const url = `http://127.0.0.1:3000${URL_PATH(c.rel)}?name=x.json&kind=asn&session=s`;
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3000.evil.example", undefined]) {
      const req = new Request(url, {
        method: c.method,
        headers: { host: "127.0.0.1:3000", cookie: "authjs.session-token=eyJ.session", "content-type": "application/json", ...(origin ? { origin } : {}) },
        body: '{"Records":[]}',
      });
      const res = await handler(req, { params: Promise.resolve({ caseId: "00000000-0000-4000-8000-000000000001", reportId: "x", eventId: "x" }) });
      expect(res.status, `${origin}`).toBe(403);
      const json = (await res.json()) as unknown;
      expect(json, `${origin}`).toEqual(c.rel.startsWith("api/v1/")
        ? { error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site request refused." } }
        : { error: "Cross-site request refused.", code: "FORBIDDEN_ORIGIN" });
      expect(req.bodyUsed, `${origin}: the body is not read`).toBe(false);
    }
  });
});
