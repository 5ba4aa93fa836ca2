// The mechanical fence: every exported handler of every app/**/route.ts and app/**/actions.ts must
// carry the guard symbol set by one of the wrappers in lib/auth/guards.ts. A new route that forgets its
// guard fails this test, and CI.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// Importing the modules must not reach a database or Auth.js's runtime; only the exports are inspected.
vi.mock("@/lib/auth/auth-options", () => ({ handlers: { GET: vi.fn(), POST: vi.fn() }, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }));

const APP = path.resolve(import.meta.dirname, "../../app");
const GUARD = Symbol.for("trailbench.guard");
const ROUTE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
// Route segment config exports, not handlers.
const CONFIG_EXPORTS = new Set(["dynamic", "revalidate", "runtime", "preferredRegion", "maxDuration", "fetchCache", "dynamicParams"]);

function findModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findModules(full);
    return /^(route|actions)\.ts$/.test(e.name) ? [full] : [];
  });
}

const modules = findModules(APP);

describe("route and action inventory", () => {
  it("finds the app's route handlers and server actions", () => {
    expect(modules.map((m) => path.relative(APP, m)).sort()).toEqual([
      "(auth)/setup/actions.ts",
      "(auth)/sign-in/actions.ts",
      "(workbench)/account/actions.ts",
      "(workbench)/account/tokens/actions.ts",
      "(workbench)/actions.ts",
      "(workbench)/admin/audit/export/route.ts",
      "(workbench)/admin/ip-data/upload/route.ts",
      "(workbench)/admin/users/actions.ts",
      "(workbench)/cases/[caseId]/actions.ts",
      "(workbench)/cases/[caseId]/audit/export/route.ts",
      "(workbench)/cases/[caseId]/bookmarks/actions.ts",
      "(workbench)/cases/[caseId]/findings/actions.ts",
      "(workbench)/cases/[caseId]/ingest/actions.ts",
      "(workbench)/cases/[caseId]/ingest/upload/complete/route.ts",
      "(workbench)/cases/[caseId]/ingest/upload/route.ts",
      "(workbench)/cases/[caseId]/members/actions.ts",
      "(workbench)/cases/[caseId]/notes/actions.ts",
      "(workbench)/cases/[caseId]/reports/[reportId]/download/route.ts",
      "(workbench)/cases/[caseId]/reports/actions.ts",
      "(workbench)/cases/new/actions.ts",
      "api/auth/[...nextauth]/route.ts",
      "api/health/route.ts",
      "api/ready/route.ts",
      "api/v1/cases/[caseId]/activity/route.ts",
      "api/v1/cases/[caseId]/bookmarks/route.ts",
      "api/v1/cases/[caseId]/dashboard/route.ts",
      "api/v1/cases/[caseId]/events/[eventId]/route.ts",
      "api/v1/cases/[caseId]/events/route.ts",
      "api/v1/cases/[caseId]/findings/route.ts",
      "api/v1/cases/[caseId]/heatmaps/denied/route.ts",
      "api/v1/cases/[caseId]/integrity/checklist/route.ts",
      "api/v1/cases/[caseId]/lineage/route.ts",
      "api/v1/cases/[caseId]/reports/[reportId]/route.ts",
      "api/v1/cases/[caseId]/reports/route.ts",
      "api/v1/cases/[caseId]/route.ts",
      "api/v1/cases/[caseId]/timeline/route.ts",
      "api/v1/cases/route.ts",
      "api/v1/openapi.json/route.ts",
    ]);
  });

  it.each(modules.map((m) => [path.relative(APP, m), m]))("every export of %s is guarded", async (_name, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = Object.entries(mod).filter(([k]) => !CONFIG_EXPORTS.has(k));
    expect(handlers.length).toBeGreaterThan(0);
    for (const [name, value] of handlers) {
      expect(typeof value, `${name} is a function`).toBe("function");
      if (file.endsWith("route.ts")) expect(ROUTE_METHODS.has(name), `${name} is an HTTP method`).toBe(true);
      const guard = (value as Record<symbol, unknown>)[GUARD];
      expect(["caseRoute", "caseAction", "userAction", "userRoute", "publicRoute", "publicAction"], `${name} carries a guard`).toContain(guard);
    }
  });

  it("guards case-scoped URLs with a case guard, never a public one", async () => {
    for (const file of modules.filter((m) => m.includes("[caseId]"))) {
      const mod = (await import(file)) as Record<string, Record<symbol, unknown>>;
      for (const [name, value] of Object.entries(mod)) {
        if (CONFIG_EXPORTS.has(name)) continue;
        expect(["caseRoute", "caseAction"]).toContain(value[GUARD]);
      }
    }
  });
});
