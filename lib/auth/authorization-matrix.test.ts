// The authorization matrix (lib/testing/authorization-matrix.ts) cannot be escaped: every page, route
// handler method and server action on disk has exactly one row, and each row's access is the guard its
// source declares (for a case guard, the same permission). e2e/17-authorization-matrix.spec.ts then sends
// every row as every actor to the production server.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CASE_PERMISSIONS, CASE_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import {
  ACTORS,
  AUTHORIZATION_MATRIX,
  CHILD_KEYS,
  expectedOutcome,
  exportedNames,
  listAppEntries,
  rowKey,
  type Access,
  type MatrixRow,
} from "@/lib/testing/authorization-matrix";

// Importing the modules must not reach a database or Auth.js's runtime; only the exports are inspected.
vi.mock("@/lib/auth/auth-options", () => ({ handlers: { GET: vi.fn(), POST: vi.fn() }, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const PERMISSION = new RegExp(`"(${CASE_PERMISSIONS.join("|")})"`);
const GUARD = Symbol.for("trailbench.guard");

/** What the source of a row's entry declares: a case permission, a user guard, public, or no guard at all. */
function declared(row: MatrixRow): { guard: "case"; permission: string } | { guard: "user" | "public" | "none" } {
  const text = source(row.file);
  if (row.kind === "page") {
    const perms = [...text.matchAll(/casePage\(params, "([a-z:]+)"\)/g)].map((m) => m[1]!);
    if (perms.length) return { guard: "case", permission: perms[0]! };
    return { guard: /\buserPage\(\)/.test(text) ? "user" : "none" };
  }
  const name = row.kind === "route" ? row.method : row.exportName;
  const start = text.search(new RegExp(`export const ${name}\\b`));
  const next = text.slice(start + 1).search(/\nexport /);
  const chunk = text.slice(start, next === -1 ? undefined : start + 1 + next);
  const wrapper = /=\s*(caseRoute|caseAction|userRoute|userAction|publicRoute|publicAction)\(/.exec(chunk)?.[1];
  if (wrapper === "caseRoute" || wrapper === "caseAction") return { guard: "case", permission: PERMISSION.exec(chunk)?.[1] ?? "?" };
  if (wrapper === "userRoute" || wrapper === "userAction") return { guard: "user" };
  if (wrapper === "publicRoute" || wrapper === "publicAction") return { guard: "public" };
  return { guard: "none" };
}

function accepts(access: Access, found: ReturnType<typeof declared>, row: MatrixRow): boolean {
  if (access.kind === "case") return found.guard === "case" && "permission" in found && found.permission === access.permission;
  // Admin-only entries are user guards whose lib function re-checks the admin (lib/users/require-admin.ts).
  if (access.kind === "admin" || access.kind === "signed-in") {
    if (found.guard === "user") return true;
    // A page without a guard of its own: only a static one under the (workbench) layout, which sends a
    // signed-out visitor to sign in, or the root's redirect.
    return found.guard === "none" && access.kind === "signed-in" && (row.file.startsWith("app/(workbench)/") || row.file === "app/page.tsx");
  }
  return found.guard === "public" || (found.guard === "none" && row.kind === "page");
}

describe("authorization matrix", () => {
  it("has exactly one row for every page, route handler method and server action on disk", () => {
    const keys = AUTHORIZATION_MATRIX.map(rowKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(listAppEntries(ROOT).sort());
    expect(keys.filter((k) => k.endsWith("/page.tsx") || k === "app/page.tsx").length).toBeGreaterThanOrEqual(28);
  });

  it("lists the exports the route and action modules really have", async () => {
    for (const file of new Set(AUTHORIZATION_MATRIX.filter((r) => r.kind !== "page").map((r) => r.file))) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      const real = Object.keys(mod).filter((k) => typeof mod[k] === "function" && (mod[k] as unknown as Record<symbol, unknown>)[GUARD] !== undefined);
      expect(exportedNames(source(file)).sort(), file).toEqual(real.sort());
    }
  });

  it.each(AUTHORIZATION_MATRIX.map((r) => [rowKey(r), r] as const))("%s: the access is the guard its source declares", (_key, row) => {
    const found = declared(row);
    expect(accepts(row.access, found, row), `${JSON.stringify(row.access)} vs ${JSON.stringify(found)}`).toBe(true);
  });

  it("declares every dynamic id segment as a child id, so it is tried with the other case's", () => {
    for (const row of AUTHORIZATION_MATRIX) {
      if (row.kind === "action") continue;
      const segments = [...row.file.matchAll(/\[([A-Za-z]+)\]/g)].map((m) => m[1]!).filter((s) => s !== "caseId" && s !== "kind");
      for (const s of segments) expect(Object.keys(row.children ?? {}), rowKey(row)).toContain(s);
    }
    for (const row of AUTHORIZATION_MATRIX) for (const k of Object.keys(row.children ?? {})) expect(CHILD_KEYS).toContain(k);
  });

  it("expects from the role table, not per actor", () => {
    const events: Access = { kind: "case", permission: "events:read" };
    expect(ACTORS.map((a) => expectedOutcome(events, a))).toEqual(["sign-in", "not-found", "not-found", "not-found", "allowed", "allowed"]);
    for (const permission of CASE_PERMISSIONS) {
      const access: Access = { kind: "case", permission };
      expect(expectedOutcome(access, "viewer") === "allowed").toBe(CASE_ROLE_PERMISSIONS.viewer.includes(permission));
      expect(expectedOutcome(access, "investigator") === "allowed").toBe(CASE_ROLE_PERMISSIONS.investigator.includes(permission));
      expect(expectedOutcome(access, "lead")).toBe("allowed");
      expect(expectedOutcome(access, "admin")).toBe("not-found");
      expect(expectedOutcome(access, "outsider")).toBe("not-found");
    }
    expect(ACTORS.map((a) => expectedOutcome({ kind: "admin" }, a))).toEqual(["sign-in", "not-found", "allowed", "not-found", "not-found", "not-found"]);
    // Every case permission is exercised by at least one row.
    const used = new Set(AUTHORIZATION_MATRIX.flatMap((r) => (r.access.kind === "case" ? [r.access.permission] : [])));
    expect([...used].sort()).toEqual([...CASE_PERMISSIONS].sort());
  });
});
