// The authorization matrix (issue #9): every page, route handler method and server action of app/, with
// who may use it and how to exercise it. Expected answers are never written per actor: they follow from
// a row's access (for case rows, its declared permission) and the role table in lib/auth/permissions.ts.
// lib/auth/authorization-matrix.test.ts fails when a file on disk has no row (or a row no file), or when a
// row's access disagrees with the guard the source declares; e2e/17-authorization-matrix.spec.ts sends
// every row's request as every actor to the production server and checks the answer and the database.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CASE_ROLE_PERMISSIONS, type CasePermission } from "@/lib/auth/permissions";
import type { CaseRole } from "@/lib/db/generated/enums";

/** Who calls. The foreign case is not an actor: it is case A's lead sent case B's ids (see the spec). */
export const ACTORS = ["anonymous", "outsider", "admin", "viewer", "investigator", "lead"] as const;
export type Actor = (typeof ACTORS)[number];

/** The case role of each actor in case A; the outsider (signed in) and the global admin are not members. */
const ROLE_IN_CASE_A: Partial<Record<Actor, CaseRole>> = { viewer: "viewer", investigator: "investigator", lead: "lead" };

export type Access =
  /** The same answer for everyone, signed in or not. */
  | { kind: "public" }
  /** Any signed-in user. */
  | { kind: "signed-in" }
  /** Global administrators (lib/users/require-admin.ts); anyone else signed in: 404. */
  | { kind: "admin" }
  /** Members of the case whose role grants `permission`; anyone else signed in: 404, never 403. */
  | { kind: "case"; permission: CasePermission };

/** allowed: the row's own answer; sign-in: sent to sign in (page) or 401 / "Sign in to continue."; not-found: 404 / "Not found.". */
export type Outcome = "allowed" | "sign-in" | "not-found";

export function expectedOutcome(access: Access, actor: Actor): Outcome {
  if (access.kind === "public") return "allowed";
  if (actor === "anonymous") return "sign-in";
  if (access.kind === "signed-in") return "allowed";
  if (access.kind === "admin") return actor === "admin" ? "allowed" : "not-found";
  return holds(actor, access.permission) ? "allowed" : "not-found";
}

/** Whether `actor` holds `permission` in case A, by the role table. */
export function holds(actor: Actor, permission: CasePermission): boolean {
  const role = ROLE_IN_CASE_A[actor];
  return role !== undefined && CASE_ROLE_PERMISSIONS[role].includes(permission);
}

/** Ids that belong to one case; sent under the other case's URL they must be "not found". */
export const CHILD_KEYS = ["eventId", "bookmarkId", "noteId", "findingId", "reportId", "runId", "memberUserId", "tokenId", "sessionId"] as const;
export type ChildKey = (typeof CHILD_KEYS)[number];

/**
 * One case's ids, all made by the spec through the app: its CloudTrail event, its lead's bookmark,
 * note and API token, a detection finding, an exported report, the upload's ingest run, a member who
 * is not the lead (case A: the viewer; case B: its lead, who is no member of case A), and an upload
 * session (case A: one that received nothing; case B: one holding a file, not yet completed).
 */
export type CaseIds = { caseId: string; caseName: string } & Record<ChildKey, string>;

export type Person = { userId: string; email: string };

export type MatrixContext = {
  actor: Actor;
  /** Case A's ids; in the foreign checks, case B's (all of them, or one child at a time). */
  ids: CaseIds;
  /** What this actor made in earlier rows (its own bookmark, note, token): only the author edits them. */
  own: Partial<Record<"bookmarkId" | "noteId" | "tokenId", string>>;
  /** The actor's own account; null when signed out. */
  self: Person | null;
  /** An account no actor signs in as: the target of the user-administration actions. */
  spare: Person;
  /** Unique per run, for names and emails. */
  run: string;
};

export type PageExpect = { status: 200 } | { redirect: string };
export type RouteExpect = { status: number; json?: unknown; redirect?: string; contentType?: string };
/** `data` and `error` may hold RegExps; `data` is matched partially (the keys given). */
export type ActionExpect = { ok: true; data?: Record<string, unknown> } | { ok: false; error: string | RegExp } | { redirect: string | RegExp };

type Expect<T> = T | ((c: MatrixContext) => T);

/**
 * How a request answers another case's id: a message (a server action's error; a route handler's 404
 * carries it; a page is a plain 404), or, where the id is looked up the way a missing one is and that is
 * not a 404, the exact answer, which the row's allowed answer for a missing id must equal.
 */
export type ChildRefusal = string | ((foreignId: string) => string) | { status: number; json: unknown };

type RowBase = {
  access: Access;
  /** The ids of one case this row takes; the spec sends each one from case B, alone, under case A. */
  children?: Partial<Record<ChildKey, ChildRefusal>>;
  /**
   * Lists and search: the answer holds `marker(case A)` exactly when the actor holds `permission` in case
   * A, and never `marker(case B)` (no actor but the foreign check's is a member of case B).
   */
  lists?: { permission: CasePermission; marker: (ids: CaseIds) => string }[];
};

export type PageRow = RowBase & { kind: "page"; file: string; url: (c: MatrixContext) => string; allowed?: Expect<PageExpect> };

export type RouteRequest = { path: string; body?: string | Buffer | Record<string, unknown>; contentType?: string };
export type RouteRow = RowBase & {
  kind: "route";
  file: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  request: (c: MatrixContext) => RouteRequest;
  allowed: Expect<RouteExpect>;
};

export type ActionRequest = { args: Record<string, unknown>; /** The dynamic segments of the page the action is posted to. */ params?: Record<string, string> };
export type ActionRow = RowBase & {
  kind: "action";
  file: string;
  exportName: string;
  request: (c: MatrixContext) => ActionRequest;
  allowed: Expect<ActionExpect>;
  /** What a successful call made, kept for the actor's later rows. */
  keep?: (data: Record<string, unknown>) => MatrixContext["own"];
};

export type MatrixRow = PageRow | RouteRow | ActionRow;

export function rowKey(row: MatrixRow): string {
  if (row.kind === "page") return row.file;
  if (row.kind === "route") return `${row.method} ${row.file}`;
  return `${row.file}#${row.exportName}`;
}

export function resolveExpect<T>(e: Expect<T>, c: MatrixContext): T {
  return typeof e === "function" ? (e as (c: MatrixContext) => T)(c) : e;
}

// What lookups inside a case answer for an id of another case: exactly what they answer for a missing one.
const NOT_YOURS_BOOKMARK = "No such bookmark, or it is not yours to change.";
const NOT_YOURS_NOTE = "No such note, or it is not yours to change.";
const NO_SUCH_EVENT = "No such event in this case.";
const NOT_EVENTS = (id: string) => `Not events of this case: ${JSON.stringify(id)}.`;
const NOT_FOUND = "Not found.";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PASSWORD = "matrix password 0123";

const CASE_A = "app/(workbench)/cases/[caseId]";
const V1 = "app/api/v1/cases/[caseId]";
const caseUrl = (c: MatrixContext, rest = "") => `/cases/${c.ids.caseId}${rest}`;
const apiUrl = (c: MatrixContext, rest = "") => `/api/v1/cases/${c.ids.caseId}${rest}`;
const casePageRow = (file: string, permission: CasePermission, url: (c: MatrixContext) => string, extra: Partial<PageRow> = {}): PageRow => ({
  kind: "page",
  file: `${CASE_A}/${file}`,
  access: { kind: "case", permission },
  url,
  ...extra,
});
const apiGetRow = (file: string, permission: CasePermission, rest: string, extra: Partial<RouteRow> = {}): RouteRow => ({
  kind: "route",
  file: `${V1}/${file}`,
  method: "GET",
  access: { kind: "case", permission },
  request: (c) => ({ path: apiUrl(c, rest) }),
  allowed: { status: 200 },
  ...extra,
});
const caseActionRow = (
  file: string,
  exportName: string,
  permission: CasePermission,
  args: (c: MatrixContext) => Record<string, unknown>,
  allowed: Expect<ActionExpect>,
  extra: Partial<ActionRow> = {},
): ActionRow => ({
  kind: "action",
  file: `${CASE_A}/${file}`,
  exportName,
  access: { kind: "case", permission },
  request: (c) => ({ args: { caseId: c.ids.caseId, ...args(c) }, params: { caseId: c.ids.caseId } }),
  allowed,
  ...extra,
});

/**
 * The rows, in the order the spec runs an actor's allowed requests (a row may use what an earlier one
 * made: a bookmark is created before it is edited, pinned and deleted). Case A's lead runs last, and its
 * last member rows promote and then remove the viewer.
 */
export const AUTHORIZATION_MATRIX: readonly MatrixRow[] = [
  // Pages outside a case.
  { kind: "page", file: "app/page.tsx", access: { kind: "signed-in" }, url: () => "/", allowed: { redirect: "/cases" } },
  { kind: "page", file: "app/(auth)/setup/page.tsx", access: { kind: "public" }, url: () => "/setup", allowed: { redirect: "/sign-in" } },
  {
    kind: "page",
    file: "app/(auth)/sign-in/page.tsx",
    access: { kind: "public" },
    url: () => "/sign-in",
    allowed: (c) => (c.self ? { redirect: "/cases" } : { status: 200 }),
  },
  { kind: "page", file: "app/(workbench)/account/page.tsx", access: { kind: "signed-in" }, url: () => "/account" },
  { kind: "page", file: "app/(workbench)/account/tokens/page.tsx", access: { kind: "signed-in" }, url: () => "/account/tokens" },
  { kind: "page", file: "app/(workbench)/admin/audit/page.tsx", access: { kind: "admin" }, url: () => "/admin/audit" },
  { kind: "page", file: "app/(workbench)/admin/ip-data/page.tsx", access: { kind: "admin" }, url: () => "/admin/ip-data" },
  { kind: "page", file: "app/(workbench)/admin/users/page.tsx", access: { kind: "admin" }, url: () => "/admin/users" },
  {
    kind: "page",
    file: "app/(workbench)/cases/page.tsx",
    access: { kind: "signed-in" },
    url: () => "/cases",
    lists: [{ permission: "case:read", marker: (ids) => ids.caseName }],
  },
  // A static form with no data; the (workbench) layout sends a signed-out visitor to sign in.
  { kind: "page", file: "app/(workbench)/cases/new/page.tsx", access: { kind: "signed-in" }, url: () => "/cases/new" },
  // Only cases where the user reads events are searched; a viewer's are named as not searched.
  {
    kind: "page",
    file: "app/(workbench)/search/page.tsx",
    access: { kind: "signed-in" },
    url: () => "/search?q=AKIAE2EALICE0000001",
    lists: [
      { permission: "case:read", marker: (ids) => ids.caseName },
      { permission: "events:read", marker: (ids) => `data-case-id="${ids.caseId}"` },
    ],
  },

  // Pages of a case.
  casePageRow("page.tsx", "case:read", (c) => caseUrl(c)),
  casePageRow("activity/page.tsx", "case:read", (c) => caseUrl(c, "/activity")),
  casePageRow("audit/page.tsx", "audit:read", (c) => caseUrl(c, "/audit")),
  casePageRow("bookmarks/page.tsx", "case:read", (c) => caseUrl(c, "/bookmarks")),
  casePageRow("events/page.tsx", "events:read", (c) => caseUrl(c, "/events")),
  casePageRow("events/[eventId]/page.tsx", "events:read", (c) => caseUrl(c, `/events/${c.ids.eventId}`), { children: { eventId: NOT_FOUND } }),
  casePageRow("evidence/page.tsx", "evidence:write", (c) => caseUrl(c, "/evidence")),
  casePageRow("findings/page.tsx", "events:read", (c) => caseUrl(c, "/findings")),
  casePageRow("heatmaps/page.tsx", "events:read", (c) => caseUrl(c, "/heatmaps")),
  casePageRow("identities/page.tsx", "events:read", (c) => caseUrl(c, "/identities")),
  casePageRow("identities/[kind]/page.tsx", "events:read", (c) => caseUrl(c, `/identities/principal?value=${encodeURIComponent("arn:aws:iam::111122223333:user/alice")}`)),
  casePageRow("integrity/page.tsx", "events:read", (c) => caseUrl(c, "/integrity")),
  casePageRow("lineage/page.tsx", "events:read", (c) => caseUrl(c, "/lineage?key=AKIAE2EALICE0000001")),
  casePageRow("members/page.tsx", "case:read", (c) => caseUrl(c, "/members")),
  casePageRow("notes/page.tsx", "case:read", (c) => caseUrl(c, "/notes")),
  casePageRow("reports/page.tsx", "reports:read", (c) => caseUrl(c, "/reports")),
  casePageRow("settings/page.tsx", "case:read", (c) => caseUrl(c, "/settings")),

  // Route handlers outside /api/v1.
  {
    kind: "route",
    file: "app/(workbench)/admin/audit/export/route.ts",
    method: "GET",
    access: { kind: "admin" },
    request: () => ({ path: "/admin/audit/export?format=jsonl" }),
    allowed: { status: 200, contentType: "application/jsonl" },
  },
  // Not an IP database: refused after the admin check, so nothing is stored.
  {
    kind: "route",
    file: "app/(workbench)/admin/ip-data/upload/route.ts",
    method: "POST",
    access: { kind: "admin" },
    request: () => ({ path: "/admin/ip-data/upload?kind=country", body: "not an MMDB file", contentType: "application/octet-stream" }),
    allowed: { status: 400, json: { code: "INVALID_INPUT" } },
  },
  {
    kind: "route",
    file: `${CASE_A}/audit/export/route.ts`,
    method: "GET",
    access: { kind: "case", permission: "audit:read" },
    request: (c) => ({ path: caseUrl(c, "/audit/export?format=jsonl") }),
    allowed: { status: 200, contentType: "application/jsonl" },
  },
  // Case A's session received no file: refused after the case check, no run is queued. Sessions are
  // folders under the case (lib/ingest/upload-session.ts), so case B's session, which holds a file, is
  // just as empty here: the same answer as a missing one (400, not 404), and case B's files stay put.
  {
    kind: "route",
    file: `${CASE_A}/ingest/upload/complete/route.ts`,
    method: "POST",
    access: { kind: "case", permission: "evidence:write" },
    request: (c) => ({ path: caseUrl(c, `/ingest/upload/complete?session=${c.ids.sessionId}&label=matrix`) }),
    allowed: { status: 400, json: { error: "Nothing was uploaded in this session.", code: "INVALID_INPUT" } },
    children: { sessionId: { status: 400, json: { error: "Nothing was uploaded in this session.", code: "INVALID_INPUT" } } },
  },
  // An empty file: refused after the case check, no run is queued.
  {
    kind: "route",
    file: `${CASE_A}/ingest/upload/route.ts`,
    method: "POST",
    access: { kind: "case", permission: "evidence:write" },
    request: (c) => ({ path: caseUrl(c, "/ingest/upload?name=matrix-empty.json"), body: "", contentType: "application/octet-stream" }),
    allowed: { status: 400, json: { code: "INVALID_INPUT" } },
  },
  {
    kind: "route",
    file: `${CASE_A}/reports/[reportId]/download/route.ts`,
    method: "GET",
    access: { kind: "case", permission: "reports:read" },
    request: (c) => ({ path: caseUrl(c, `/reports/${c.ids.reportId}/download`) }),
    allowed: { status: 200 },
    children: { reportId: NOT_FOUND },
  },
  {
    kind: "route",
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "GET",
    access: { kind: "public" },
    request: () => ({ path: "/api/auth/providers" }),
    allowed: { status: 200, json: { credentials: { id: "credentials" } } },
  },
  // Without Auth.js's CSRF token a credentials sign-in is refused, whoever sends it.
  {
    kind: "route",
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "POST",
    access: { kind: "public" },
    request: () => ({ path: "/api/auth/callback/credentials", body: "email=nobody%40example.test&password=x", contentType: "application/x-www-form-urlencoded" }),
    allowed: { status: 302, redirect: "/sign-in?error=MissingCSRF" },
  },
  { kind: "route", file: "app/api/health/route.ts", method: "GET", access: { kind: "public" }, request: () => ({ path: "/api/health" }), allowed: { status: 200 } },
  { kind: "route", file: "app/api/ready/route.ts", method: "GET", access: { kind: "public" }, request: () => ({ path: "/api/ready" }), allowed: { status: 200, json: { ready: true } } },

  // /api/v1.
  {
    kind: "route",
    file: "app/api/v1/cases/route.ts",
    method: "GET",
    access: { kind: "signed-in" },
    request: () => ({ path: "/api/v1/cases" }),
    allowed: { status: 200 },
    lists: [{ permission: "case:read", marker: (ids) => ids.caseId }],
  },
  {
    kind: "route",
    file: "app/api/v1/openapi.json/route.ts",
    method: "GET",
    access: { kind: "public" },
    request: () => ({ path: "/api/v1/openapi.json" }),
    allowed: { status: 200 },
  },
  apiGetRow("route.ts", "case:read", ""),
  apiGetRow("activity/route.ts", "case:read", "/activity"),
  apiGetRow("bookmarks/route.ts", "case:read", "/bookmarks"),
  {
    kind: "route",
    file: `${V1}/bookmarks/route.ts`,
    method: "POST",
    access: { kind: "case", permission: "bookmarks:write" },
    request: (c) => ({ path: apiUrl(c, "/bookmarks"), body: { title: `matrix ${c.actor} via API`, view: `/cases/${c.ids.caseId}/events` } }),
    allowed: (c) => ({ status: 201, json: { title: `matrix ${c.actor} via API` } }),
  },
  apiGetRow("dashboard/route.ts", "events:read", "/dashboard"),
  apiGetRow("events/route.ts", "events:read", "/events?limit=5"),
  {
    ...apiGetRow("events/[eventId]/route.ts", "events:read", ""),
    request: (c) => ({ path: apiUrl(c, `/events/${c.ids.eventId}`) }),
    allowed: (c) => ({ status: 200, json: { event: { eventId: c.ids.eventId } } }),
    children: { eventId: NOT_FOUND },
  },
  apiGetRow("findings/route.ts", "events:read", "/findings"),
  apiGetRow("heatmaps/denied/route.ts", "events:read", "/heatmaps/denied?axis=service"),
  apiGetRow("integrity/checklist/route.ts", "events:read", "/integrity/checklist"),
  apiGetRow("lineage/route.ts", "events:read", "/lineage?key=AKIAE2EALICE0000001"),
  apiGetRow("reports/route.ts", "reports:read", "/reports"),
  {
    ...apiGetRow("reports/[reportId]/route.ts", "reports:read", ""),
    request: (c) => ({ path: apiUrl(c, `/reports/${c.ids.reportId}`) }),
    children: { reportId: NOT_FOUND },
  },
  apiGetRow("timeline/route.ts", "events:read", "/timeline"),

  // Server actions anyone may call: the same answer whoever sends it.
  {
    kind: "action",
    file: "app/(auth)/setup/actions.ts",
    exportName: "setupAction",
    access: { kind: "public" },
    request: (c) => ({ args: { email: `matrix-${c.run}-setup-${c.actor}@example.test`, name: "Second admin", password: PASSWORD, confirm: PASSWORD } }),
    allowed: { ok: false, error: "Trailbench is already set up: sign in instead." },
  },
  {
    kind: "action",
    file: "app/(auth)/sign-in/actions.ts",
    exportName: "signInAction",
    access: { kind: "public" },
    request: (c) => ({ args: { email: `matrix-${c.run}-nobody-${c.actor}@example.test`, password: PASSWORD } }),
    allowed: { ok: false, error: "Wrong email or password, or the account is disabled." },
  },
  {
    kind: "action",
    file: "app/(auth)/sign-in/actions.ts",
    exportName: "ssoSignInAction",
    access: { kind: "public" },
    request: () => ({ args: { callbackUrl: "/cases" } }),
    allowed: { redirect: /^http:\/\/127\.0\.0\.1:\d+\/auth\?/ },
  },
  // The spec runs it in a copy of the actor's session, which it ends.
  {
    kind: "action",
    file: "app/(workbench)/actions.ts",
    exportName: "signOutAction",
    access: { kind: "public" },
    request: () => ({ args: {} }),
    allowed: { redirect: "/sign-in" },
  },

  // Server actions of the signed-in user's own account.
  {
    kind: "action",
    file: "app/(workbench)/account/actions.ts",
    exportName: "changeOwnPasswordAction",
    access: { kind: "signed-in" },
    request: () => ({ args: { currentPassword: "not the current password", newPassword: "matrix new password 0123", confirm: "matrix new password 0123" } }),
    allowed: { ok: false, error: "The current password is wrong." },
  },
  {
    kind: "action",
    file: "app/(workbench)/account/tokens/actions.ts",
    exportName: "createApiTokenAction",
    access: { kind: "signed-in" },
    request: (c) => ({ args: { name: `matrix ${c.actor}`, scope: "read" } }),
    allowed: (c) => ({ ok: true, data: { name: `matrix ${c.actor}`, id: UUID, token: /^tb_/ } }),
    keep: (data) => ({ tokenId: String(data.id) }),
  },
  // Another user's token (case B's lead's, in the foreign check) is NOT_FOUND like a made-up id.
  {
    kind: "action",
    file: "app/(workbench)/account/tokens/actions.ts",
    exportName: "revokeApiTokenAction",
    access: { kind: "signed-in" },
    request: (c) => ({ args: { tokenId: c.own.tokenId ?? c.ids.tokenId } }),
    allowed: (c) => ({ ok: true, data: { id: c.own.tokenId } }),
    children: { tokenId: NOT_FOUND },
  },
  {
    kind: "action",
    file: "app/(workbench)/cases/new/actions.ts",
    exportName: "createCaseAction",
    access: { kind: "signed-in" },
    request: (c) => ({ args: { name: `Matrix ${c.run} own case of ${c.actor}` } }),
    allowed: { redirect: /^\/cases\/[0-9a-f-]{36}$/ },
  },

  // User administration: global admins only. A member trying them aims at escalation: making themselves
  // an admin, disabling or resetting another account.
  {
    kind: "action",
    file: "app/(workbench)/admin/users/actions.ts",
    exportName: "createUserAction",
    access: { kind: "admin" },
    request: (c) => ({ args: { email: `matrix-${c.run}-made-by-${c.actor}@example.test`, name: "Made by the matrix", role: "admin", password: PASSWORD } }),
    allowed: (c) => ({ ok: true, data: { email: `matrix-${c.run}-made-by-${c.actor}@example.test`, generatedPassword: null } }),
  },
  {
    kind: "action",
    file: "app/(workbench)/admin/users/actions.ts",
    exportName: "setUserRoleAction",
    access: { kind: "admin" },
    request: (c) => ({ args: { userId: (c.self ?? c.spare).userId, role: "admin" } }),
    allowed: { ok: true, data: { role: "admin" } },
  },
  {
    kind: "action",
    file: "app/(workbench)/admin/users/actions.ts",
    exportName: "resetUserPasswordAction",
    access: { kind: "admin" },
    request: (c) => ({ args: { userId: c.spare.userId } }),
    allowed: { ok: true, data: { generatedPassword: /^\S{12,}$/ } },
  },
  {
    kind: "action",
    file: "app/(workbench)/admin/users/actions.ts",
    exportName: "setUserDisabledAction",
    access: { kind: "admin" },
    request: (c) => ({ args: { userId: c.spare.userId, disabled: true } }),
    allowed: { ok: true, data: { disabled: true } },
  },

  // Server actions of a case. The allowed answer of several is a refusal that only a caller who passed
  // the case check can reach (an administrator-only option, a finished run), so nothing changes.
  caseActionRow("actions.ts", "setCaseWindowAction", "case:update", () => ({ start: "2023-07-10T11:00:00Z", end: "2023-07-10T12:00:00Z" }), {
    ok: true,
    data: { start: "2023-07-10T11:00:00.000Z", end: "2023-07-10T12:00:00.000Z" },
  }),
  caseActionRow("actions.ts", "setCaseContextAction", "case:update", () => ({ trustedNetworks: "198.51.100.0/24", expectedCountries: "DE" }), {
    ok: true,
    data: { trustedNetworks: ["198.51.100.0/24"], expectedCountries: ["DE"] },
  }),
  caseActionRow("actions.ts", "setCaseBaselineAction", "case:update", () => ({ timeZone: "Europe/Berlin", baselineEnd: "2023-07-10T11:30:00Z" }), {
    ok: true,
    data: { timeZone: "Europe/Berlin", baselineEnd: "2023-07-10T11:30:00.000Z" },
  }),
  caseActionRow(
    "actions.ts",
    "setDetectionSettingsAction",
    "case:update",
    () => ({ burstWindowMinutes: "7", discoveryBurst: "11", getObjectBurst: "13", secretsBurst: "17", massDeletion: "19", consoleLoginFailures: "23" }),
    { ok: true, data: { burstWindowMinutes: 7, consoleLoginFailures: 23 } },
  ),
  // Pinned events of another case are named as "not events of this case" (INVALID_INPUT), exactly as ids
  // that exist nowhere (lib/bookmarks/assert-events-in-case.ts): a list is checked, not one id looked up.
  caseActionRow("bookmarks/actions.ts", "createBookmarkAction", "bookmarks:write", (c) => ({ title: `matrix ${c.actor}`, view: `/cases/${c.ids.caseId}/events`, pinnedEventIds: [c.ids.eventId] }), (c) => ({
    ok: true,
    data: { id: UUID, title: `matrix ${c.actor}`, pinnedCount: 1 },
  }), { children: { eventId: NOT_EVENTS }, keep: (data) => ({ bookmarkId: String(data.id) }) }),
  caseActionRow(
    "bookmarks/actions.ts",
    "updateBookmarkAction",
    "bookmarks:write",
    (c) => ({ bookmarkId: c.own.bookmarkId ?? c.ids.bookmarkId, title: `matrix ${c.actor} renamed`, note: "" }),
    (c) => ({ ok: true, data: { id: c.own.bookmarkId, title: `matrix ${c.actor} renamed` } }),
    { children: { bookmarkId: NOT_YOURS_BOOKMARK } },
  ),
  caseActionRow(
    "bookmarks/actions.ts",
    "pinBookmarkEventsAction",
    "bookmarks:write",
    (c) => ({ bookmarkId: c.own.bookmarkId ?? c.ids.bookmarkId, eventIds: [c.ids.eventId] }),
    (c) => ({ ok: true, data: { id: c.own.bookmarkId, pinnedEventIds: [c.ids.eventId] } }),
    { children: { bookmarkId: NOT_YOURS_BOOKMARK, eventId: NOT_EVENTS } },
  ),
  // Unpinning an id that is not pinned changes nothing, whichever case it comes from: not a child here.
  caseActionRow(
    "bookmarks/actions.ts",
    "unpinBookmarkEventsAction",
    "bookmarks:write",
    (c) => ({ bookmarkId: c.own.bookmarkId ?? c.ids.bookmarkId, eventIds: [c.ids.eventId] }),
    (c) => ({ ok: true, data: { id: c.own.bookmarkId, pinnedEventIds: [] } }),
    { children: { bookmarkId: NOT_YOURS_BOOKMARK } },
  ),
  caseActionRow(
    "bookmarks/actions.ts",
    "deleteBookmarkAction",
    "bookmarks:write",
    (c) => ({ bookmarkId: c.own.bookmarkId ?? c.ids.bookmarkId }),
    (c) => ({ ok: true, data: { id: c.own.bookmarkId } }),
    { children: { bookmarkId: NOT_YOURS_BOOKMARK } },
  ),
  caseActionRow("notes/actions.ts", "createNoteAction", "bookmarks:write", (c) => ({ eventId: c.ids.eventId, body: `matrix note by ${c.actor}` }), { ok: true, data: { id: UUID } }, {
    children: { eventId: NO_SUCH_EVENT },
    keep: (data) => ({ noteId: String(data.id) }),
  }),
  caseActionRow(
    "notes/actions.ts",
    "updateNoteAction",
    "bookmarks:write",
    (c) => ({ noteId: c.own.noteId ?? c.ids.noteId, body: `matrix note by ${c.actor}, edited` }),
    (c) => ({ ok: true, data: { id: c.own.noteId } }),
    { children: { noteId: NOT_YOURS_NOTE } },
  ),
  caseActionRow("notes/actions.ts", "deleteNoteAction", "bookmarks:write", (c) => ({ noteId: c.own.noteId ?? c.ids.noteId }), (c) => ({ ok: true, data: { id: c.own.noteId } }), {
    children: { noteId: NOT_YOURS_NOTE },
  }),
  caseActionRow("notes/actions.ts", "addEventTagAction", "bookmarks:write", (c) => ({ eventId: c.ids.eventId, tag: "matrix" }), (c) => ({
    ok: true,
    data: { eventId: c.ids.eventId, tag: "matrix", added: true },
  }), { children: { eventId: NO_SUCH_EVENT } }),
  caseActionRow("notes/actions.ts", "removeEventTagAction", "bookmarks:write", (c) => ({ eventId: c.ids.eventId, tag: "matrix" }), (c) => ({
    ok: true,
    data: { eventId: c.ids.eventId, tag: "matrix", removed: true },
  }), { children: { eventId: NO_SUCH_EVENT } }),
  caseActionRow("notes/actions.ts", "setEventMarkAction", "bookmarks:write", (c) => ({ eventId: c.ids.eventId, kind: "evidence" }), (c) => ({
    ok: true,
    data: { eventId: c.ids.eventId, kind: "evidence", changed: true },
  }), { children: { eventId: NO_SUCH_EVENT } }),
  caseActionRow("notes/actions.ts", "clearEventMarkAction", "bookmarks:write", (c) => ({ eventId: c.ids.eventId, kind: "evidence" }), (c) => ({
    ok: true,
    data: { eventId: c.ids.eventId, kind: "evidence", changed: true },
  }), { children: { eventId: NO_SUCH_EVENT } }),
  caseActionRow("findings/actions.ts", "triageFindingAction", "evidence:write", (c) => ({ findingId: c.ids.findingId, status: "confirmed", note: `matrix ${c.actor}` }), {
    ok: true,
    data: { status: "confirmed" },
  }, { children: { findingId: NOT_FOUND } }),
  caseActionRow("findings/actions.ts", "runDetectionsAction", "evidence:write", () => ({}), { ok: true, data: { queued: true } }),
  caseActionRow("ingest/actions.ts", "startS3IngestAction", "evidence:write", () => ({ url: "s3://matrix-bucket/AWSLogs/", endpoint: "http://127.0.0.1:9/" }), {
    ok: false,
    error: "Only an administrator may set a custom endpoint.",
  }),
  caseActionRow(
    "ingest/actions.ts",
    "startLookupIngestAction",
    "evidence:write",
    () => ({ regions: "us-east-1", from: "2023-07-10T00:00:00Z", to: "2023-07-11T00:00:00Z", endpoint: "http://127.0.0.1:9/" }),
    { ok: false, error: "Only an administrator may set a custom endpoint." },
  ),
  caseActionRow("ingest/actions.ts", "startPathIngestAction", "evidence:write", () => ({ path: "/nonexistent/matrix" }), {
    ok: false,
    error: "Only an administrator may ingest a path on the server.",
  }),
  caseActionRow("ingest/actions.ts", "cancelIngestAction", "evidence:write", (c) => ({ runId: c.ids.runId }), { ok: false, error: "The run has already succeeded." }, {
    children: { runId: NOT_FOUND },
  }),
  caseActionRow("reports/actions.ts", "exportReportAction", "events:read", () => ({ format: "json" }), { ok: true, data: { queued: "json" } }),
  caseActionRow("reports/actions.ts", "setExecutiveSummaryAction", "case:update", (c) => ({ summary: `matrix summary by ${c.actor}` }), (c) => ({
    ok: true,
    data: { length: `matrix summary by ${c.actor}`.length },
  })),
  // Escalation attempts: a member adding themselves as lead (the lead itself: already a member), the
  // viewer promoted to lead, the viewer removed. The lead runs these last.
  caseActionRow("members/actions.ts", "addCaseMemberAction", "members:manage", (c) => ({ email: (c.self ?? c.spare).email, role: "lead" }), (c) => ({
    ok: false,
    error: `${c.self?.email} is already a member of this case: change their role in the list.`,
  })),
  caseActionRow("members/actions.ts", "setCaseMemberRoleAction", "members:manage", (c) => ({ userId: c.ids.memberUserId, role: "lead" }), { ok: true, data: { role: "lead" } }, {
    children: { memberUserId: NOT_FOUND },
  }),
  caseActionRow("members/actions.ts", "removeCaseMemberAction", "members:manage", (c) => ({ userId: c.ids.memberUserId }), (c) => ({
    ok: true,
    data: { removed: c.ids.memberUserId },
  }), { children: { memberUserId: NOT_FOUND } }),
];

/** Every page, route handler method and server action export under `appDir`, keyed like rowKey(), relative to the repository. */
export function listAppEntries(repoRoot: string): string[] {
  const appDir = path.join(repoRoot, "app");
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return walk(appDir).flatMap((full) => {
    const file = path.relative(repoRoot, full).split(path.sep).join("/");
    const name = path.basename(full);
    if (name === "page.tsx") return [file];
    if (name === "route.ts") return exportedNames(readFileSync(full, "utf8")).map((method) => `${method} ${file}`);
    if (name === "actions.ts") return exportedNames(readFileSync(full, "utf8")).map((exp) => `${file}#${exp}`);
    return [];
  });
}

// Route segment config exports, not handlers.
const CONFIG_EXPORTS = new Set(["dynamic", "revalidate", "runtime", "preferredRegion", "maxDuration", "fetchCache", "dynamicParams"]);

/** The names a module exports (`export const X`, `export [async] function X`), config exports left out. */
export function exportedNames(source: string): string[] {
  const names = [...source.matchAll(/^export\s+(?:const|let|(?:async\s+)?function)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
  return names.filter((n) => !CONFIG_EXPORTS.has(n));
}
