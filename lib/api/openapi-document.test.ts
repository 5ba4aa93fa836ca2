// The OpenAPI document and the route handlers under app/api/v1 name exactly the same operations: a new
// route without documentation, or documentation of a route that does not exist, fails this test.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { getOpenApiDocument } from "@/lib/api/openapi-document";

vi.mock("@/lib/auth/auth-options", () => ({ handlers: { GET: vi.fn(), POST: vi.fn() }, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }));

const V1 = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

describe("the OpenAPI document of /api/v1", () => {
  it("has a path and method for every route handler under app/api/v1, and nothing else", async () => {
    const fromRoutes: string[] = [];
    for (const file of routeFiles(V1)) {
      const dir = path.relative(V1, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"));
      const apiPath = ["/api/v1", ...dir].join("/");
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === "function") fromRoutes.push(`${m.toLowerCase()} ${apiPath}`);
    }
    const doc = getOpenApiDocument() as Doc;
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual(fromRoutes.sort());
    expect(fromRoutes).toHaveLength(16); // 15 + the activity feed (engineer A)
  });

  it("is OpenAPI 3.1 whose every $ref resolves to a component schema", () => {
    const doc = getOpenApiDocument() as Doc;
    expect(doc.openapi).toBe("3.1.0");
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref], ref).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
    // Query parameters come from the same zod schemas as the handlers' validation.
    const events = doc.paths["/api/v1/cases/{caseId}/events"]!.get as unknown as { parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[] };
    expect(events.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ["caseId", "path", true],
      ["q", "query", false],
      ["limit", "query", false],
      ["cursor", "query", false],
      ["order", "query", false],
    ]);
    expect(events.parameters[2]!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 500, default: 100 });
  });
});
