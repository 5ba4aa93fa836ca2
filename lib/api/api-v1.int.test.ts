// The REST API /api/v1 called as Next calls its route handlers: real guards, real bearer-token lookups
// and membership checks in PostgreSQL, real data-layer functions. Only Auth.js's session lookup is
// replaced by a fixed signed-in user id (for the cookie cases); token calls never consult it.
import { createHash, randomUUID } from "node:crypto";
import Ajv from "ajv";
import { describe, expect, it, vi } from "vitest";
import { GET as getCases } from "@/app/api/v1/cases/route";
import { GET as getCase } from "@/app/api/v1/cases/[caseId]/route";
import { GET as getEvents } from "@/app/api/v1/cases/[caseId]/events/route";
import { GET as getEvent } from "@/app/api/v1/cases/[caseId]/events/[eventId]/route";
import { GET as getBookmarks, POST as postBookmark } from "@/app/api/v1/cases/[caseId]/bookmarks/route";
import { GET as getFindings } from "@/app/api/v1/cases/[caseId]/findings/route";
import { GET as getReports } from "@/app/api/v1/cases/[caseId]/reports/route";
import { GET as getReport } from "@/app/api/v1/cases/[caseId]/reports/[reportId]/route";
import { GET as getLineage } from "@/app/api/v1/cases/[caseId]/lineage/route";
import { GET as getDashboard } from "@/app/api/v1/cases/[caseId]/dashboard/route";
import { GET as getTimeline } from "@/app/api/v1/cases/[caseId]/timeline/route";
import { GET as getHeatmap } from "@/app/api/v1/cases/[caseId]/heatmaps/denied/route";
import { GET as getChecklist } from "@/app/api/v1/cases/[caseId]/integrity/checklist/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { findingsCommand } from "@/lib/cli/detect-command";
import { getPool } from "@/lib/db/client";
import { parseEventQuery } from "@/lib/events/parse-event-query";
import { createReport, type ReportRenderers } from "@/lib/reports/create-report";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents, type SeedEvent } from "@/lib/testing/seed-events";
import type { PublicUser } from "@/lib/users/create-user";

const signedIn = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth-options", () => ({
  handlers: {},
  auth: vi.fn(async () => (signedIn.userId ? { user: { id: signedIn.userId } } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(),
}));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Called = { status: number; headers: Headers; body: unknown; bytes: Buffer };

const BASE = "http://127.0.0.1:3000";

async function call(handler: Handler, path: string, opts: { token?: string; params?: Record<string, string>; method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Called> {
  const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`${BASE}${path}`, { method: opts.method ?? "GET", headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, headers: res.headers, body: type.startsWith("application/json") ? JSON.parse(bytes.toString("utf8")) : null, bytes };
}

const err = (code: string, message: string) => ({ error: { code, message } });
const REJECTED = err("UNAUTHENTICATED", "The API token is not valid: unknown, revoked or expired, or its user is disabled.");
const NOT_FOUND = err("NOT_FOUND", "Not found.");

async function tokenFor(user: PublicUser, scope: "read" | "read-write" = "read", extra: { expiresInDays?: number; now?: Date } = {}) {
  const { token, item } = await createApiToken(user, { name: `t-${randomUUID().slice(0, 6)}`, scope, ...(extra.expiresInDays ? { expiresInDays: extra.expiresInDays } : {}) }, extra.now);
  return { token, id: item.id };
}

// 23 events over 3 minutes, several sharing an eventTime, so pages must break ties on eventId.
const EVENTS: SeedEvent[] = Array.from({ length: 23 }, (_, i) => ({
  eventId: `ev-${String(i).padStart(2, "0")}`,
  eventTime: `2024-03-01T10:0${i % 3}:00.000Z`,
  eventName: i % 4 === 0 ? "DeleteBucket" : "ListBuckets",
  eventSource: "s3.amazonaws.com",
  errorCode: i % 5 === 0 ? "AccessDenied" : null,
  accessKeyId: "AKIAAPITEST",
  principalArn: "arn:aws:iam::111111111111:user/api",
  identityType: "IAMUser",
  userName: "api",
}));

async function team() {
  const lead = await seedUser();
  const viewer = await seedUser();
  const stranger = await seedUser();
  const c = await seedCase(lead, { name: "API case" });
  await addMember(c.id, viewer, "viewer");
  await seedEvents(c.id, EVENTS);
  const own = await seedCase(stranger, { name: "Stranger case" });
  return { lead, viewer, stranger, caseId: c.id, strangersCaseId: own.id };
}

describe("personal API tokens", () => {
  it("shows the token once, stores only its SHA-256 and prefix, lists it without either, and audits creation and revocation", async () => {
    const user = await seedUser();
    const { token, item } = await createApiToken(user, { name: "  nightly export ", scope: "read", expiresInDays: "30" }, new Date("2030-01-01T00:00:00.000Z"));
    expect(token).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), "base64url")).toHaveLength(32);
    const { rows } = await getPool().query(`SELECT * FROM api_tokens WHERE user_id = $1`, [user.id]);
    expect(rows).toEqual([
      {
        id: item.id,
        user_id: user.id,
        name: "nightly export",
        prefix: token.slice(3, 11),
        token_hash: createHash("sha256").update(token).digest("hex"),
        scope: "read",
        created_at: new Date("2030-01-01T00:00:00.000Z"),
        last_used_at: null,
        expires_at: new Date("2030-01-31T00:00:00.000Z"),
        revoked_at: null,
      },
    ]);
    // Nothing anywhere in the row holds the token itself.
    expect(JSON.stringify(rows).includes(token.slice(3))).toBe(false);
    expect(await listApiTokens(user)).toEqual([
      { id: item.id, name: "nightly export", prefix: token.slice(3, 11), scope: "read", createdAt: new Date("2030-01-01T00:00:00.000Z"), lastUsedAt: null, expiresAt: new Date("2030-01-31T00:00:00.000Z"), revokedAt: null },
    ]);
    await revokeApiToken(user, item.id, new Date("2030-01-02T00:00:00.000Z"));
    await revokeApiToken(user, item.id); // again: no change, no second audit row
    const audit = await getPool().query<{ action: string; actor_id: string; target_type: string; detail: unknown }>(
      `SELECT action, actor_id, target_type, detail FROM audit_log WHERE target_id = $1 ORDER BY id`,
      [item.id],
    );
    expect(audit.rows).toEqual([
      { action: "token.create", actor_id: user.id, target_type: "token", detail: { name: "nightly export", scope: "read", expiresAt: "2030-01-31T00:00:00.000Z" } },
      { action: "token.revoke", actor_id: user.id, target_type: "token", detail: { name: "nightly export" } },
    ]);
    expect(JSON.stringify(audit.rows).includes(token.slice(3))).toBe(false);
    // Another user cannot revoke it, nor learn that it exists.
    const other = await seedUser();
    await expect(revokeApiToken(other, item.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a revoked, expired, unknown or malformed token and a disabled user's token with 401, and records last use", async () => {
    const user = await seedUser();
    await seedCase(user);
    const good = await tokenFor(user);
    const revoked = await tokenFor(user);
    const expired = await tokenFor(user, "read", { expiresInDays: 1, now: new Date(Date.now() - 2 * 86_400_000) });
    await revokeApiToken(user, revoked.id);
    const ok = await call(getCases, "/api/v1/cases", { token: good.token });
    expect(ok.status).toBe(200);
    const { rows } = await getPool().query<{ last_used_at: Date | null }>(`SELECT last_used_at FROM api_tokens WHERE id = $1`, [good.id]);
    expect(Date.now() - rows[0]!.last_used_at!.getTime()).toBeLessThan(60_000);
    for (const token of [revoked.token, expired.token, `tb_${"A".repeat(43)}`, "tb_short", good.token.slice(0, -1)]) {
      const res = await call(getCases, "/api/v1/cases", { token });
      expect({ status: res.status, body: res.body, auth: res.headers.get("www-authenticate") }).toEqual({ status: 401, body: REJECTED, auth: 'Bearer realm="trailbench"' });
    }
    const basic = await call(getCases, "/api/v1/cases", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect([basic.status, basic.body]).toEqual([401, err("UNAUTHENTICATED", "Send a personal API token as `Authorization: Bearer tb_…`.")]);
    // A bad token never falls back to the session cookie.
    signedIn.userId = user.id;
    expect((await call(getCases, "/api/v1/cases", { token: revoked.token })).status).toBe(401);
    signedIn.userId = null;
    await getPool().query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    const disabled = await call(getCases, "/api/v1/cases", { token: good.token });
    expect([disabled.status, disabled.body]).toEqual([401, REJECTED]);
  });
});

describe("/api/v1 authorization", () => {
  it("reaches only the token user's cases: another user's or an unknown case is 404", async () => {
    const t = await team();
    const stranger = await tokenFor(t.stranger);
    const lead = await tokenFor(t.lead);
    const listed = await call(getCases, "/api/v1/cases", { token: stranger.token });
    expect(listed.body).toEqual([
      { id: t.strangersCaseId, name: "Stranger case", description: "seeded", timeZone: "UTC", createdAt: expect.any(String), role: "lead", eventCount: 0 },
    ]);
    const victimUrls: [Handler, string, Record<string, string>][] = [
      [getCase as Handler, "", {}],
      [getEvents as Handler, "/events", {}],
      [getEvent as Handler, "/events/ev-01", { eventId: "ev-01" }],
      [getBookmarks as Handler, "/bookmarks", {}],
      [getFindings as Handler, "/findings", {}],
      [getReports as Handler, "/reports", {}],
      [getReport as Handler, `/reports/${randomUUID()}`, { reportId: randomUUID() }],
      [getLineage as Handler, "/lineage?key=AKIAAPITEST", {}],
      [getDashboard as Handler, "/dashboard", {}],
      [getTimeline as Handler, "/timeline", {}],
      [getHeatmap as Handler, "/heatmaps/denied", {}],
      [getChecklist as Handler, "/integrity/checklist", {}],
    ];
    for (const [handler, suffix, params] of victimUrls) {
      const res = await call(handler, `/api/v1/cases/${t.caseId}${suffix}`, { token: stranger.token, params: { caseId: t.caseId, ...params } });
      expect([suffix, res.status, res.body]).toEqual([suffix, 404, NOT_FOUND]);
    }
    // The victim's event under the stranger's own case, an unknown case, a malformed id.
    expect((await call(getEvent as Handler, `/api/v1/cases/${t.strangersCaseId}/events/ev-01`, { token: stranger.token, params: { caseId: t.strangersCaseId, eventId: "ev-01" } })).body).toEqual(NOT_FOUND);
    expect((await call(getCase as Handler, `/api/v1/cases/x`, { token: lead.token, params: { caseId: randomUUID() } })).body).toEqual(NOT_FOUND);
    expect((await call(getCase as Handler, `/api/v1/cases/x`, { token: lead.token, params: { caseId: "' OR 1=1 --" } })).body).toEqual(NOT_FOUND);
    // The lead's token reaches the lead's case.
    const own = await call(getCase as Handler, `/api/v1/cases/${t.caseId}`, { token: lead.token, params: { caseId: t.caseId } });
    expect([own.status, (own.body as { role: string }).role]).toEqual([200, "lead"]);
  });

  it("refuses writes with a read-only token (403), accepts them with a read-write one, and keeps the role's limits", async () => {
    const t = await team();
    const read = await tokenFor(t.lead, "read");
    const write = await tokenFor(t.lead, "read-write");
    const viewerWrite = await tokenFor(t.viewer, "read-write");
    const body = { title: "Deletes", note: "from a script", view: `/cases/${t.caseId}/events?q=eventName:DeleteBucket`, pinnedEventIds: ["ev-00", "ev-04"] };
    const path = `/api/v1/cases/${t.caseId}/bookmarks`;
    const params = { caseId: t.caseId };
    const refused = await call(postBookmark as Handler, path, { token: read.token, method: "POST", body, params });
    expect([refused.status, refused.body]).toEqual([403, err("FORBIDDEN", "This API token is read-only: create a read-write token to change data.")]);
    expect((await getPool().query(`SELECT count(*)::int AS n FROM bookmarks WHERE case_id = $1`, [t.caseId])).rows[0]).toEqual({ n: 0 });
    // A viewer's read-write token: the role has no bookmarks:write, so the case is not there for it.
    expect((await call(postBookmark as Handler, path, { token: viewerWrite.token, method: "POST", body, params })).body).toEqual(NOT_FOUND);
    const created = await call(postBookmark as Handler, path, { token: write.token, method: "POST", body, params });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Deletes", note: "from a script", view: `/cases/${t.caseId}/events?q=eventName:DeleteBucket`, pinnedEventIds: ["ev-00", "ev-04"], pinnedCount: 2, createdById: t.lead.id, canEdit: true, canDelete: true });
    // No Origin header is needed with a token (no ambient credential), while a cookie write without one is refused.
    signedIn.userId = t.lead.id;
    const cookie = await call(postBookmark as Handler, path, { method: "POST", body, params });
    expect([cookie.status, cookie.body]).toEqual([403, err("FORBIDDEN_ORIGIN", "Cross-site request refused.")]);
    const sameSite = await call(postBookmark as Handler, path, { method: "POST", body, params, headers: { origin: BASE, host: "127.0.0.1:3000" } });
    expect(sameSite.status).toBe(201);
    signedIn.userId = null;
    // Validation errors are 400 with the field and the message.
    const bad = await call(postBookmark as Handler, path, { token: write.token, method: "POST", body: { ...body, view: `/cases/${t.strangersCaseId}/events` }, params });
    expect([bad.status, bad.body]).toEqual([400, err("INVALID_INPUT", "view: The view belongs to another case: only views of this case can be bookmarked here.")]);
    const listed = await call(getBookmarks as Handler, path, { token: read.token, params });
    expect((listed.body as { title: string }[]).map((b) => b.title)).toEqual(["Deletes", "Deletes"]);
  });
});

describe("GET /api/v1/cases/{caseId}/events", () => {
  const byKeyDesc = (a: SeedEvent, b: SeedEvent) => String(b.eventTime).localeCompare(String(a.eventTime)) || b.eventId.localeCompare(a.eventId);

  async function walk(token: string, caseId: string, query: string): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Called = await call(getEvents as Handler, `/api/v1/cases/${caseId}/events?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token, params: { caseId } });
      expect(res.status).toBe(200);
      const body = res.body as { events: { eventId: string }[]; nextCursor: string | null };
      ids.push(...body.events.map((e) => e.eventId));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return { ids, pages };
  }

  it("returns every matching event exactly once across keyset pages, in order, both ways", async () => {
    const t = await team();
    const { token } = await tokenFor(t.lead);
    const desc = [...EVENTS].sort(byKeyDesc).map((e) => e.eventId);
    expect(await walk(token, t.caseId, "limit=5")).toEqual({ ids: desc, pages: 5 });
    expect(await walk(token, t.caseId, "limit=5&order=asc")).toEqual({ ids: [...desc].reverse(), pages: 5 });
    // The filter language, as on the events page.
    const deletes = EVENTS.filter((e) => e.eventName === "DeleteBucket").sort(byKeyDesc).map((e) => e.eventId);
    expect(deletes).toHaveLength(6);
    expect(await walk(token, t.caseId, "limit=4&q=eventName%3ADeleteBucket")).toEqual({ ids: deletes, pages: 2 });
    const first = await call(getEvents as Handler, `/api/v1/cases/${t.caseId}/events?limit=1`, { token, params: { caseId: t.caseId } });
    expect((first.body as { events: unknown[] }).events).toEqual([
      {
        eventId: "ev-20", eventTime: "2024-03-01T10:02:00.000Z", eventName: "DeleteBucket", eventSource: "s3.amazonaws.com", identityType: "IAMUser",
        principalArn: "arn:aws:iam::111111111111:user/api", userName: "api", accessKeyId: "AKIAAPITEST", sourceIpAddress: null, awsRegion: null,
        errorCode: "AccessDenied", readOnly: null, userAgent: null, sessionIssuerArn: null, recipientAccountId: null, eventCategory: null, sourceKind: null,
        sourceCountry: null, sourceAsn: null, tool: null, toolVersion: null, trusted: null, deviations: null,
      },
    ]);
  });

  it("answers 400 with the parser's message for a bad filter, and for bad paging parameters", async () => {
    const t = await team();
    const { token } = await tokenFor(t.lead);
    const q = "eventName:ListBuckets readOnly:maybe";
    const parsed = parseEventQuery(q);
    if (parsed.ok) throw new Error("the filter should not parse");
    expect(parsed.message).toBe('"readOnly" takes true or false, not "maybe"');
    const res = await call(getEvents as Handler, `/api/v1/cases/${t.caseId}/events?q=${encodeURIComponent(q)}`, { token, params: { caseId: t.caseId } });
    expect([res.status, res.body]).toEqual([400, err("INVALID_INPUT", parsed.message)]);
    const cases: [string, string][] = [
      ["limit=0", "limit: Too small: expected number to be >=1"],
      ["limit=501", "limit: Too big: expected number to be <=500"],
      ["order=sideways", 'order: Invalid option: expected one of "desc"|"asc"'],
      ["cursor=garbage", "The page cursor in the URL is not valid: start again from the newest events."],
      ["limit=2&limit=3", "Give the parameter limit at most once."],
    ];
    for (const [query, message] of cases) {
      const bad = await call(getEvents as Handler, `/api/v1/cases/${t.caseId}/events?${query}`, { token, params: { caseId: t.caseId } });
      expect([query, bad.status, bad.body]).toEqual([query, 400, err("INVALID_INPUT", message)]);
    }
    // A stranger learns nothing from a bad filter: authorization comes first.
    const stranger = await tokenFor(t.stranger);
    expect((await call(getEvents as Handler, `/api/v1/cases/${t.caseId}/events?q=${encodeURIComponent(q)}`, { token: stranger.token, params: { caseId: t.caseId } })).body).toEqual(NOT_FOUND);
  });
});

describe("rate limiting", () => {
  it("answers the 601st request of a minute with 429, Retry-After and RateLimit headers; other tokens are not affected", async () => {
    const user = await seedUser();
    const { token } = await tokenFor(user);
    const first = await call(getCases, "/api/v1/cases", { token });
    expect([first.status, first.headers.get("ratelimit-limit"), first.headers.get("ratelimit-remaining"), first.headers.get("ratelimit-policy")]).toEqual([200, "600", "599", "600;w=60"]);
    for (let i = 2; i <= 599; i++) await call(getCases, "/api/v1/cases", { token });
    const last = await call(getCases, "/api/v1/cases", { token });
    expect([last.status, last.headers.get("ratelimit-remaining")]).toEqual([200, "0"]);
    const over = await call(getCases, "/api/v1/cases", { token });
    const retry = Number(over.headers.get("retry-after"));
    expect([over.status, (over.body as { error: { code: string } }).error.code, over.headers.get("ratelimit-remaining")]).toEqual([429, "RATE_LIMITED", "0"]);
    expect(retry >= 1 && retry <= 60).toBe(true);
    expect(over.headers.get("ratelimit-reset")).toBe(String(retry));
    expect((await call(getCases, "/api/v1/cases", { token: (await tokenFor(user)).token })).status).toBe(200);
  }, 120_000);
});

describe("the OpenAPI document describes the real responses", () => {
  it("validates every endpoint's answer against its documented schema", async () => {
    const t = await team();
    const { token } = await tokenFor(t.lead, "read-write");
    const scope = await resolveCaseScope(t.lead.id, t.caseId, "events:read");
    const noRender = () => "unused";
    const renderers: ReportRenderers = { pdf: noRender, html: noRender, md: noRender, csv: noRender };
    const report = await createReport(scope, "json", renderers);
    await getPool().query(
      `INSERT INTO findings (case_id, rule_id, source, title, severity, principal, failed_attempt, reason, event_ids, event_count, first_at, last_at, attack, tactics)
       VALUES ($1, 's3-delete', 'builtin', 'Bucket deleted', 'high', 'arn:aws:iam::111111111111:user/api', false, 'DeleteBucket', ARRAY['ev-00','ev-04'], 2,
               '2024-03-01T10:00:00Z', '2024-03-01T10:01:00Z', ARRAY['T1485'], ARRAY['impact'])`,
      [t.caseId],
    );
    const doc = (await call(getOpenApi as Handler, "/api/v1/openapi.json")).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const ajv = new Ajv({ allErrors: true, unknownFormats: "ignore" });
    ajv.addSchema({ components: doc.components }, "doc");
    const check = (path: string, method: string, res: Called) => {
      const documented = doc.paths[path]?.[method]?.responses[String(res.status)]?.content?.["application/json"]?.schema as { $ref?: string } | undefined;
      expect(documented, `${method} ${path} ${res.status} is documented`).toBeDefined();
      const ok = ajv.validate({ $ref: `doc${documented!.$ref}` }, res.body);
      expect(ok ? [] : ajv.errors, `${method} ${path} ${res.status}`).toEqual([]);
    };
    const C = "/api/v1/cases/{caseId}";
    const p = { caseId: t.caseId };
    const u = (s: string) => `/api/v1/cases/${t.caseId}${s}`;
    const bookmark = await call(postBookmark as Handler, u("/bookmarks"), { token, method: "POST", body: { title: "B", view: `/cases/${t.caseId}/events` }, params: p });
    const calls: [string, string, Called][] = [
      ["/api/v1/cases", "get", await call(getCases, "/api/v1/cases", { token })],
      [C, "get", await call(getCase as Handler, u(""), { token, params: p })],
      [`${C}/events`, "get", await call(getEvents as Handler, u("/events?limit=3&q=errorCode%3AAccessDenied"), { token, params: p })],
      [`${C}/events`, "get", await call(getEvents as Handler, u("/events?q=readOnly%3Amaybe"), { token, params: p })],
      [`${C}/events/{eventId}`, "get", await call(getEvent as Handler, u("/events/ev-03"), { token, params: { ...p, eventId: "ev-03" } })],
      [`${C}/events/{eventId}`, "get", await call(getEvent as Handler, u("/events/nope"), { token, params: { ...p, eventId: "nope" } })],
      [`${C}/bookmarks`, "post", bookmark],
      [`${C}/bookmarks`, "get", await call(getBookmarks as Handler, u("/bookmarks"), { token, params: p })],
      [`${C}/findings`, "get", await call(getFindings as Handler, u("/findings"), { token, params: p })],
      [`${C}/reports`, "get", await call(getReports as Handler, u("/reports"), { token, params: p })],
      [`${C}/lineage`, "get", await call(getLineage as Handler, u("/lineage?key=AKIAAPITEST"), { token, params: p })],
      [`${C}/dashboard`, "get", await call(getDashboard as Handler, u("/dashboard"), { token, params: p })],
      [`${C}/timeline`, "get", await call(getTimeline as Handler, u("/timeline"), { token, params: p })],
      [`${C}/heatmaps/denied`, "get", await call(getHeatmap as Handler, u("/heatmaps/denied?axis=service"), { token, params: p })],
      [`${C}/integrity/checklist`, "get", await call(getChecklist as Handler, u("/integrity/checklist"), { token, params: p })],
      ["/api/v1/cases", "get", await call(getCases, "/api/v1/cases", { token: "tb_nope" })],
    ];
    expect(calls.map(([, , r]) => r.status)).toEqual([200, 200, 200, 400, 200, 404, 201, 200, 200, 200, 200, 200, 200, 200, 200, 401]);
    for (const [path, method, res] of calls) check(path, method, res);
    // Findings: exactly what `trailbench findings --case C --json` prints.
    expect(calls[8]![2].body).toEqual(JSON.parse(JSON.stringify(await findingsCommand({ case: t.caseId }))));
    expect((calls[8]![2].body as unknown[]).length).toBe(1);
    // A seeded event has no evidence bytes: the record is null with the reason, the columns are there.
    expect(calls[4]![2].body).toMatchObject({ event: { eventId: "ev-03", eventName: "ListBuckets", flags: [], resources: [] }, record: null, provenance: { position: 3 } });
    // Reports: listed with their SHA-256, downloaded byte-identical with the stored headers.
    expect(calls[9]![2].body).toEqual([{ id: report.id, identifier: report.identifier, format: "json", sha256: report.sha256, size: report.size, createdAt: report.createdAt, createdBy: t.lead.name }]);
    const bytes = await call(getReport as Handler, u(`/reports/${report.id}`), { token, params: { ...p, reportId: report.id } });
    const stored = (await getPool().query<{ bytes: Buffer }>(`SELECT bytes FROM reports WHERE id = $1`, [report.id])).rows[0]!.bytes;
    expect([bytes.status, bytes.bytes.equals(stored), createHash("sha256").update(bytes.bytes).digest("hex")]).toEqual([200, true, report.sha256]);
    expect([bytes.headers.get("content-type"), bytes.headers.get("content-disposition"), bytes.headers.get("etag")]).toEqual([
      "application/json",
      `attachment; filename="${report.identifier}.json"`,
      `"${report.sha256}"`,
    ]);
  });
});
