// Issue #9: the authorization matrix, for real. Every page, route handler method and server action of
// app/ (lib/testing/authorization-matrix.ts, which a new file on disk must join) is requested over HTTP
// from the production server by each actor: signed out, a signed-in non-member, the global admin (not a
// member), the case's viewer, investigator and lead; and by case A's lead with case B's ids, all of them
// or one child id at a time (an event, bookmark, note, finding, report, ingest run, member, API token or
// upload session of case B).
// Expected answers come from each row's access and the role table (lib/auth/permissions.ts). Refused
// requests must change nothing: the database is read back through the API (case B's and A's leads'
// tokens), the leads' pages, the admin's user list and the audit log before and after.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import {
  ACTORS,
  AUTHORIZATION_MATRIX,
  expectedOutcome,
  holds,
  listAppEntries,
  resolveExpect,
  rowKey,
  type ActionExpect,
  type ActionRow,
  type Actor,
  type CaseIds,
  type ChildKey,
  type ChildRefusal,
  type MatrixContext,
  type MatrixRow,
  type Outcome,
  type PageRow,
  type Person,
  type RouteRow,
} from "../lib/testing/authorization-matrix";
import { startFakeOidc, type FakeOidc } from "../lib/testing/fake-oidc/fake-oidc-server";
import { E2E_BASE_URL, E2E_OIDC_PORT, E2E_ROOT } from "./e2e-paths";
import { callServerAction, readServerActions, type ServerActionRef } from "./fixtures/server-actions";

// The first administrator: e2e/01-first-run.spec.ts creates it on the fresh install; alone, this spec does.
const ADMIN = { name: "Ada Admin", email: "ada@example.test", password: "first admin password 1" };
const RUN = Date.now().toString(36);
const PASSWORD = "matrix member password 1";
const STOP_LOGGING = "e2e00000-0000-4000-8000-000000000007";
const STOP_LOGGING_B = "e2eb0000-0000-4000-8000-000000000007";
const ORIGIN = E2E_BASE_URL;
/** Audit actions that record a read or a sign-in, not a change. */
const READ_ACTIONS = new Set(["case.access", "search.run", "export.download", "auth.sign-in", "auth.sign-in-failed", "auth.sign-in-locked", "auth.sign-out", "auth.sso-sign-in"]);

type World = {
  actions: Map<string, ServerActionRef>;
  sessions: Record<Actor, APIRequestContext>;
  people: Record<Exclude<Actor, "anonymous">, Person> & { leadB: Person; spare: Person };
  leadB: APIRequestContext;
  tokenA: APIRequestContext;
  tokenB: APIRequestContext;
  idsA: CaseIds;
  idsB: CaseIds;
};
let world: World;
let issuer: FakeOidc | null = null;

test.describe.configure({ mode: "serial" });

// ——— HTTP helpers ———

async function newContext(extraHTTPHeaders?: Record<string, string>): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: E2E_BASE_URL, ...(extraHTTPHeaders ? { extraHTTPHeaders } : {}) });
}

/** Signs in through Auth.js's credentials callback (CSRF token first), as the sign-in form does. */
async function signIn(email: string, password: string): Promise<{ request: APIRequestContext; self: Person }> {
  const request = await newContext();
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, callbackUrl: "/cases" }, maxRedirects: 0 });
  expect(res.headers()["location"], `sign-in of ${email}`).toBe(`${E2E_BASE_URL}/cases`);
  const session = (await (await request.get("/api/auth/session")).json()) as { user: { id: string; email: string } };
  expect(session.user.email).toBe(email);
  return { request, self: { userId: session.user.id, email } };
}

function action(ref: string): ServerActionRef {
  const found = world.actions.get(ref);
  if (!found) throw new Error(`the build has no server action ${ref}`);
  return found;
}

async function run(request: APIRequestContext, ref: string, args: Record<string, unknown>, params: Record<string, string> = {}) {
  return callServerAction(request, ORIGIN, action(ref), params, [args]);
}

async function okData(request: APIRequestContext, ref: string, args: Record<string, unknown>, params: Record<string, string> = {}) {
  const res = await run(request, ref, args, params);
  expect(res.result, `${ref}: ${JSON.stringify(res)}`).toMatchObject({ ok: true });
  return (res.result as { data: Record<string, unknown> }).data;
}

async function json<T>(res: APIResponse): Promise<T> {
  expect(res.ok(), `${res.url()} → ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function poll<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const pathOf = (location: string | undefined) => (location ?? "").replace(E2E_BASE_URL, "");

/** Partial match: RegExps test strings, objects compare the keys given, arrays element by element. */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) return typeof actual === "string" && expected.test(actual);
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  if (expected !== null && typeof expected === "object") {
    return actual !== null && typeof actual === "object" && Object.entries(expected).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected);
}

/** Runs `tasks` with at most `width` at a time (the server has two cores; order does not matter). */
async function inParallel(tasks: (() => Promise<void>)[], width = 4): Promise<void> {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  }));
}

// ——— Sending one row and checking the answer ———

type Answer = { status: number; location: string; body: string; contentType: string; action?: Awaited<ReturnType<typeof callServerAction>> };

async function send(request: APIRequestContext, row: MatrixRow, c: MatrixContext): Promise<Answer> {
  if (row.kind === "page") {
    const res = await request.get(row.url(c), { maxRedirects: 0 });
    return { status: res.status(), location: pathOf(res.headers()["location"]), body: await res.text(), contentType: res.headers()["content-type"] ?? "" };
  }
  if (row.kind === "route") {
    const r = row.request(c);
    const isJson = r.body !== undefined && typeof r.body === "object" && !Buffer.isBuffer(r.body);
    const headers: Record<string, string> = row.method === "GET" ? {} : { Origin: ORIGIN };
    if (r.contentType) headers["Content-Type"] = r.contentType;
    const res = await request.fetch(r.path, {
      method: row.method,
      headers,
      maxRedirects: 0,
      ...(r.body === undefined ? {} : { data: isJson ? r.body : (r.body as string | Buffer) }),
    });
    return { status: res.status(), location: pathOf(res.headers()["location"]), body: await res.text(), contentType: res.headers()["content-type"] ?? "" };
  }
  const r = row.request(c);
  const res = await callServerAction(request, ORIGIN, action(`${row.file}#${row.exportName}`), r.params ?? {}, [r.args]);
  return { status: res.status, location: res.redirect ? pathOf(res.redirect) : "", body: "", contentType: "", action: res };
}

function describe(row: MatrixRow, c: MatrixContext, note = ""): string {
  return `${rowKey(row)} as ${c.actor}${note}`;
}

/** A refusal: the sign-in redirect / 401, or the 404 a missing thing gets (never 403, never data). */
function expectRefused(row: MatrixRow, answer: Answer, outcome: Exclude<Outcome, "allowed">, label: string, child?: ChildRefusal, foreignId = ""): void {
  const childError = typeof child === "function" ? child(foreignId) : child;
  if (childError !== undefined && typeof childError === "object") {
    // Looked up the way a missing id is, with an answer that is not a 404.
    expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(childError.status);
    expect(JSON.parse(answer.body), label).toEqual(childError.json);
    return;
  }
  if (row.kind === "page") {
    if (outcome === "sign-in") {
      expect([answer.status, answer.location], label).toEqual([307, "/sign-in"]);
    } else {
      expect(answer.status, label).toBe(404);
    }
    return;
  }
  if (row.kind === "route") {
    const api = row.file.startsWith("app/api/v1/");
    const status = outcome === "sign-in" ? 401 : 404;
    const code = outcome === "sign-in" ? "UNAUTHENTICATED" : "NOT_FOUND";
    const message = outcome === "sign-in" ? "Sign in to continue." : (childError ?? "Not found.");
    expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(status);
    expect(JSON.parse(answer.body), label).toEqual(api ? { error: { code, message } } : { error: message, code });
    return;
  }
  const error = childError ?? (outcome === "sign-in" ? "Sign in to continue." : "Not found.");
  expect(answer.action?.result, label).toEqual({ ok: false, error });
}

function expectAllowed(row: MatrixRow, answer: Answer, c: MatrixContext, label: string): void {
  if (row.kind === "page") {
    const want = resolveExpect((row as PageRow).allowed ?? { status: 200 }, c);
    if ("redirect" in want) expect([answer.status, answer.location], label).toEqual([307, want.redirect]);
    else expect(answer.status, label).toBe(want.status);
  } else if (row.kind === "route") {
    const want = resolveExpect((row as RouteRow).allowed, c);
    expect(answer.status, `${label}: ${answer.body.slice(0, 300)}`).toBe(want.status);
    if (want.redirect !== undefined) expect(answer.location, label).toBe(want.redirect);
    if (want.contentType !== undefined) expect(answer.contentType, label).toContain(want.contentType);
    if (want.json !== undefined) expect(matches(JSON.parse(answer.body), want.json), `${label}: ${answer.body.slice(0, 300)}`).toBe(true);
  } else {
    const want: ActionExpect = resolveExpect((row as ActionRow).allowed, c);
    const got = answer.action!;
    if ("redirect" in want) {
      expect(got.redirect, label).not.toBeNull();
      expect(matches(pathOf(got.redirect ?? ""), want.redirect), `${label}: redirect ${got.redirect}`).toBe(true);
    } else {
      expect(matches(got.result, want), `${label}: ${JSON.stringify(got.result)}`).toBe(true);
    }
  }
  // Lists and search show case A exactly when the actor holds the permission; case B never.
  for (const { permission, marker } of row.lists ?? []) {
    expect(answer.body.includes(marker(world.idsA)), `${label} shows ${marker(world.idsA)}`).toBe(holds(c.actor, permission));
    expect(answer.body.includes(marker(world.idsB)), `${label} shows ${marker(world.idsB)}`).toBe(false);
  }
}

function contextFor(actor: Actor, ids: CaseIds = world.idsA): MatrixContext {
  const self = actor === "anonymous" ? null : world.people[actor];
  return { actor, ids, own: {}, self, spare: world.people.spare, run: RUN };
}

// ——— What the database holds, read back through what each owner may read ———

/**
 * What a person sees in a page's <main>: its text, and the values of its inputs and options (a `*`
 * marks the selected one), without the case tabs, scripts (nonces, the Flight payload) and datalists.
 */
function mainOf(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<(script|nav|datalist)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<(input|option)\b[^>]*>/g, (tag) => {
      const value = /\svalue="([^"]*)"/.exec(tag)?.[1];
      return value === undefined ? " " : ` [${value}${/\s(selected|checked)\b/.test(tag) ? "*" : ""}] `;
    })
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

async function fingerprint(): Promise<unknown> {
  const w = world;
  const perCase = async (token: APIRequestContext, lead: APIRequestContext, ids: CaseIds) => {
    const api = async (rest: string) => json<unknown>(await token.get(`/api/v1/cases/${ids.caseId}${rest}`));
    const page = async (rest: string) => mainOf(await (await lead.get(`/cases/${ids.caseId}${rest}`)).text());
    const count = async (q: string) => ((await api(`/events?limit=200&q=${encodeURIComponent(q)}`)) as { events: unknown[] }).events.length;
    return {
      detail: await api(""),
      bookmarks: ((await api("/bookmarks")) as { id: string; title: string; note: string; view: string; pinnedEventIds: string[] }[]).map((b) => [b.id, b.title, b.note, b.view, b.pinnedEventIds]),
      findings: ((await api("/findings")) as { id: string; status: string; note: string }[]).map((f) => [f.id, f.status, f.note]),
      reports: ((await api("/reports")) as { id: string }[]).map((r) => r.id),
      events: await count(""),
      tagged: await count("tag:matrix"),
      starred: await count("is:starred"),
      evidence: await count("is:evidence"),
      noted: await count("has:note"),
      members: await page("/members"),
      notes: await page("/notes"),
      settings: await page("/settings"),
      reportsPage: await page("/reports"),
    };
  };
  // The changes recorded about this spec's cases and people (other specs' background work is not ours).
  const ours = new Set([w.idsA.caseId, w.idsB.caseId, ...Object.values(w.people).map((p) => p.userId)]);
  const audit = (await (await w.sessions.admin.get("/admin/audit/export?format=jsonl")).text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { action: string; actorId: string | null; caseId: string | null; targetId: string | null })
    .filter((e) => !READ_ACTIONS.has(e.action) && [e.caseId, e.actorId, e.targetId].some((id) => id !== null && ours.has(id)))
    .map((e) => [e.action, e.actorId, e.caseId, e.targetId]);
  return {
    a: await perCase(w.tokenA, w.sessions.lead, w.idsA),
    b: await perCase(w.tokenB, w.leadB, w.idsB),
    users: mainOf(await (await w.sessions.admin.get("/admin/users")).text()),
    audit,
  };
}

// ——— Setting the stage through the app itself ———

function trailFor(caseLetter: "a" | "b"): Buffer {
  const text = readFileSync(path.join(E2E_ROOT, "e2e/data/small-trail.json"), "utf8");
  // Case B's events get their own ids: under case A's URL they must be unknown.
  return gzipSync(caseLetter === "a" ? text : text.replaceAll("e2e00000-", "e2eb0000-"));
}

async function seedCase(lead: APIRequestContext, name: string, letter: "a" | "b"): Promise<{ caseId: string; runId: string }> {
  const created = await run(lead, "app/(workbench)/cases/new/actions.ts#createCaseAction", { name });
  const caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(created.redirect ?? "")?.[1];
  expect(caseId, JSON.stringify(created)).toBeTruthy();
  const upload = await lead.post(`/cases/${caseId}/ingest/upload?name=${encodeURIComponent(`111122223333_CloudTrail_us-east-1_matrix_${letter}.json.gz`)}`, {
    headers: { Origin: ORIGIN, "Content-Type": "application/octet-stream" },
    data: trailFor(letter),
  });
  const { ingestRunId } = await json<{ ingestRunId: string }>(upload);
  return { caseId: caseId!, runId: ingestRunId };
}

async function setTheStage(): Promise<void> {
  const actions = readServerActions();
  world = { actions } as World;
  const anonymous = await newContext();
  if ((await anonymous.get("/setup", { maxRedirects: 0 })).status() === 200) {
    // Setting up signs the new administrator in: not in the signed-out context.
    const setupContext = await newContext();
    const setup = await run(setupContext, "app/(auth)/setup/actions.ts#setupAction", { ...ADMIN, confirm: ADMIN.password });
    expect(setup.redirect).toBe(`${E2E_BASE_URL}/cases`);
    await setupContext.dispose();
  }
  const admin = await signIn(ADMIN.email, ADMIN.password);
  const emails = Object.fromEntries(
    (["outsider", "viewer", "investigator", "lead", "leadB", "spare"] as const).map((who) => [who, `matrix-${RUN}-${who.toLowerCase()}@example.test`]),
  ) as Record<"outsider" | "viewer" | "investigator" | "lead" | "leadB" | "spare", string>;
  for (const [who, email] of Object.entries(emails)) {
    await okData(admin.request, "app/(workbench)/admin/users/actions.ts#createUserAction", { email, name: `Matrix ${who}`, role: "member", password: PASSWORD });
  }
  const signed = Object.fromEntries(await Promise.all(Object.entries(emails).map(async ([who, email]) => [who, await signIn(email, PASSWORD)] as const))) as Record<
    keyof typeof emails,
    Awaited<ReturnType<typeof signIn>>
  >;
  world.sessions = {
    anonymous,
    admin: admin.request,
    outsider: signed.outsider.request,
    viewer: signed.viewer.request,
    investigator: signed.investigator.request,
    lead: signed.lead.request,
  };
  world.leadB = signed.leadB.request;
  world.people = {
    admin: admin.self,
    outsider: signed.outsider.self,
    viewer: signed.viewer.self,
    investigator: signed.investigator.self,
    lead: signed.lead.self,
    leadB: signed.leadB.self,
    spare: signed.spare.self,
  };
  await signed.spare.request.dispose();

  const lead = world.sessions.lead;
  const nameA = `Matrix ${RUN} case A`;
  const nameB = `Matrix ${RUN} case B`;
  const [a, b] = await Promise.all([seedCase(lead, nameA, "a"), seedCase(world.leadB, nameB, "b")]);
  for (const who of ["investigator", "viewer"] as const) {
    await okData(lead, "app/(workbench)/cases/[caseId]/members/actions.ts#addCaseMemberAction", { caseId: a.caseId, email: emails[who], role: who }, { caseId: a.caseId });
  }
  const tokenOf = (request: APIRequestContext) => okData(request, "app/(workbench)/account/tokens/actions.ts#createApiTokenAction", { name: "matrix reader", scope: "read" });
  const [ta, tb] = await Promise.all([tokenOf(lead), tokenOf(world.leadB)]);
  world.tokenA = await newContext({ Authorization: `Bearer ${String(ta.token)}` });
  world.tokenB = await newContext({ Authorization: `Bearer ${String(tb.token)}` });

  const finish = async (request: APIRequestContext, token: APIRequestContext, seeded: { caseId: string; runId: string }, eventId: string) => {
    const caseId = seeded.caseId;
    await poll(`the events of ${caseId}`, async () => json<{ events: unknown[] }>(await token.get(`/api/v1/cases/${caseId}/events?limit=100`)), (p) => p.events.length === 12);
    const bookmark = await json<{ id: string }>(
      await request.post(`/api/v1/cases/${caseId}/bookmarks`, { headers: { Origin: ORIGIN }, data: { title: "lead's bookmark", view: `/cases/${caseId}/events`, pinnedEventIds: [eventId] } }),
    );
    const note = await okData(request, "app/(workbench)/cases/[caseId]/notes/actions.ts#createNoteAction", { caseId, eventId, body: "lead's note" }, { caseId });
    await okData(request, "app/(workbench)/cases/[caseId]/reports/actions.ts#exportReportAction", { caseId, format: "json" }, { caseId });
    const findings = await poll(`findings of ${caseId}`, async () => json<{ id: string }[]>(await token.get(`/api/v1/cases/${caseId}/findings`)), (f) => f.length > 0);
    const reports = await poll(`the report of ${caseId}`, async () => json<{ id: string }[]>(await token.get(`/api/v1/cases/${caseId}/reports`)), (r) => r.length === 1);
    return { caseId, eventId, bookmarkId: bookmark.id, noteId: String(note.id), findingId: findings[0]!.id, reportId: reports[0]!.id, runId: seeded.runId };
  };
  const [ia, ib] = await Promise.all([finish(lead, world.tokenA, a, STOP_LOGGING), finish(world.leadB, world.tokenB, b, STOP_LOGGING_B)]);
  // Case B's upload session holds one file and is not completed yet; case A's has received nothing.
  const sessionB = randomUUID();
  const put = await world.leadB.post(`/cases/${b.caseId}/ingest/upload?session=${sessionB}&path=matrix-session.json`, {
    headers: { Origin: ORIGIN, "Content-Type": "application/octet-stream" },
    data: JSON.stringify({ Records: [{ eventVersion: "1.08", eventID: "e2eb0000-0000-4000-8000-0000000000ff", eventTime: "2023-07-10T11:59:00Z", eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity", awsRegion: "us-east-1", userIdentity: { type: "Root", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333" } }] }),
  });
  expect(put.status(), await put.text()).toBe(201);
  world.idsA = { ...ia, caseName: nameA, memberUserId: world.people.viewer.userId, tokenId: String(ta.id), sessionId: randomUUID() };
  world.idsB = { ...ib, caseName: nameB, memberUserId: world.people.leadB.userId, tokenId: String(tb.id), sessionId: sessionB };

  // The worker is done (ingest, detections, reports) when the record of changes stops growing.
  let last = "";
  await poll("the worker to settle", async () => {
    const now = JSON.stringify(await fingerprint());
    const settled = now === last;
    last = now;
    return settled;
  }, Boolean);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  issuer = await startFakeOidc({ port: E2E_OIDC_PORT, redirectUris: [`${E2E_BASE_URL}/api/auth/callback/oidc`] });
  await setTheStage();
});

test.afterAll(async () => {
  await issuer?.close();
  if (!world?.sessions) return;
  for (const request of [...Object.values(world.sessions), world.leadB, world.tokenA, world.tokenB]) await request?.dispose();
});

test("the matrix holds exactly the pages, route handlers and server actions on disk and in the build", () => {
  const rows = AUTHORIZATION_MATRIX.map(rowKey);
  expect(new Set(rows).size, "one row per entry").toBe(rows.length);
  expect([...rows].sort()).toEqual(listAppEntries(E2E_ROOT).sort());
  // The build's server actions are exactly the actions.ts exports (the ids this spec calls them by).
  expect([...world.actions.keys()].sort()).toEqual(AUTHORIZATION_MATRIX.filter((r) => r.kind === "action").map(rowKey).sort());
});

test("everyone outside a row's access is sent to sign in or gets 404, and nothing changes", async () => {
  test.setTimeout(120_000);
  let before = await fingerprint();
  for (const actor of ACTORS) {
    const tasks = AUTHORIZATION_MATRIX.flatMap((row) => {
      const outcome = expectedOutcome(row.access, actor);
      if (outcome === "allowed") return [];
      const c = contextFor(actor);
      return [async () => expectRefused(row, await send(world.sessions[actor], row, c), outcome, describe(row, c))];
    });
    await inParallel(tasks);
    const after = await fingerprint();
    expect(after, `what ${actor}'s refused requests left behind`).toEqual(before);
    before = after;
  }
});

test("case A's lead gets 404 for case B and for each of case B's ids under case A", async () => {
  test.setTimeout(120_000);
  const before = await fingerprint();
  const lead = world.sessions.lead;
  const tasks: (() => Promise<void>)[] = [];
  for (const row of AUTHORIZATION_MATRIX) {
    if (row.access.kind === "case") {
      const c = contextFor("lead", world.idsB);
      tasks.push(async () => expectRefused(row, await send(lead, row, c), "not-found", describe(row, c, " with case B")));
    }
    for (const [child, refusal] of Object.entries(row.children ?? {}) as [ChildKey, ChildRefusal][]) {
      const foreignId = world.idsB[child];
      const c = contextFor("lead", { ...world.idsA, [child]: foreignId });
      tasks.push(async () => expectRefused(row, await send(lead, row, c), "not-found", describe(row, c, ` with case B's ${child}`), refusal, foreignId));
    }
  }
  expect(tasks.length).toBeGreaterThan(60);
  await inParallel(tasks);
  expect(await fingerprint(), "what the foreign requests left behind").toEqual(before);
  // Case B's upload session kept its file: its lead completes it.
  const completed = await world.leadB.post(`/cases/${world.idsB.caseId}/ingest/upload/complete?session=${world.idsB.sessionId}&label=matrix`, { headers: { Origin: ORIGIN } });
  expect(completed.status(), await completed.text()).toBe(201);
  expect(await completed.json()).toMatchObject({ files: 1 });
});

test("everyone inside a row's access gets the row's answer", async () => {
  test.setTimeout(150_000);
  for (const actor of ACTORS) {
    const c = contextFor(actor);
    for (const row of AUTHORIZATION_MATRIX) {
      if (expectedOutcome(row.access, actor) !== "allowed") continue;
      // Signing out ends the session it is sent with: send it with a copy of the actor's cookies.
      const signOut = row.kind === "action" && row.exportName === "signOutAction";
      const request = signOut
        ? await playwrightRequest.newContext({ baseURL: E2E_BASE_URL, storageState: await world.sessions[actor].storageState() })
        : world.sessions[actor];
      const answer = await send(request, row, c);
      if (signOut) await request.dispose();
      expectAllowed(row, answer, c, describe(row, c));
      const result = answer.action?.result as { ok: boolean; data: Record<string, unknown> } | undefined;
      if (row.kind === "action" && row.keep && result?.ok) Object.assign(c.own, row.keep(result.data));
    }
  }
  // The signed-out copies did not end the actors' own sessions.
  expect((await world.sessions.lead.get("/cases", { maxRedirects: 0 })).status()).toBe(200);
});
