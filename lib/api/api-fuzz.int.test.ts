// Property-based fuzzing of every /api/v1 endpoint (issue #9) with fast-check: random and adversarial
// path parameters, query strings (the filter language included), headers and bodies, sent with a
// member's token. Properties: never a 500 (every answer is a documented status with a JSON error
// envelope), and never a byte of the other case: its id, its event ids and its marker strings appear in
// no answer, whatever the input. The route handlers run as Next runs them, against a real PostgreSQL.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
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
import { GET as getActivity } from "@/app/api/v1/cases/[caseId]/activity/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { seedEvents } from "@/lib/testing/seed-events";

vi.mock("@/lib/auth/auth-options", () => ({ handlers: {}, auth: vi.fn(async () => null), signIn: vi.fn(), signOut: vi.fn() }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://127.0.0.1:3000";
const OK_STATUSES = new Set([200, 201, 400, 401, 403, 404, 413, 415]);
const MARKER = "ForeignCaseSecret";
const RUNS = 60;

let mine = "";
let foreign = "";

/** Adversarial text: SQL and filter-language fragments, markup, unicode oddities, the foreign case's ids. */
const nasty = () =>
  fc.oneof(
    fc.string(),
    fc.fullUnicodeString(),
    fc.constantFrom(
      "' OR 1=1 --", "\"; DROP TABLE events; --", "%", "_", "\\", "$1", "*", "**", "-", "\u0000", "\ud800", "<script>alert(1)</script>",
      "eventName:*", "caseId:" , "case_id = case_id", "lineage:", "finding:", "tag:", "is:starred", "has:note", "ip:0.0.0.0/0", "after:0000-01-01",
      "before:9999-12-31", "-accessKeyId:x", "a".repeat(5000), "null", "undefined", "[]", "{}", "NaN", "-1", "1e309", "9".repeat(40),
    ),
    fc.constant(MARKER),
    fc.constant(randomUUID()),
    fc.constantFrom("FOREIGN", "ev-m-0", "AKIAMINE"),
  );

/** Path parameter values: this case, the foreign case, garbage. */
const caseParam = () => fc.oneof(fc.constant("MINE"), fc.constant("FOREIGN"), nasty());

/** A path parameter as a URL can carry it: lone surrogates become U+FFFD (what WHATWG URL encoding does). */
function resolve(v: string): string {
  return wellFormed(v === "MINE" ? mine : v === "FOREIGN" ? foreign : v);
}
const wellFormed = (v: string) => v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

async function call(handler: Handler, token: string, path: string, params: Record<string, string>, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const req = new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers: { authorization: `Bearer ${token}`, ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

/**
 * The properties every answer must hold. Answers may echo the request (a lineage names the key it was
 * asked for), so "the other case" is what the fuzzer never sends: its id (sent only as a path parameter,
 * answered by the fixed 404), its account, its access key, its event name, its event ids.
 */
function check(r: { status: number; text: string; type: string }, label: string): void {
  expect(OK_STATUSES.has(r.status), `${label}: status ${r.status} ${r.text.slice(0, 300)}`).toBe(true);
  if (r.status >= 400) expect(JSON.parse(r.text), label).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  for (const secret of [foreign, ...FOREIGN_ONLY]) expect(r.text.includes(secret), `${label}: leaks ${secret}`).toBe(false);
}
const FOREIGN_ONLY = ["222222222222", "AKIAFOREIGN", `${"ForeignCaseSecret"}Call`, "ev-f-0", "ev-f-1"];

const queryString = () =>
  fc.dictionary(fc.oneof(fc.constantFrom("q", "limit", "cursor", "order", "key", "axis", "sort", "after", "before", "filter", "format"), fc.string()), nasty(), { maxKeys: 5 });

function qs(dict: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(dict)) p.append(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

beforeAll(async () => {
  const user = await seedUser();
  const other = await seedUser();
  mine = (await seedCase(user, { name: "Fuzzed case" })).id;
  foreign = (await seedCase(other, { name: `Foreign ${MARKER}` })).id;
  const base = { eventSource: "iam.amazonaws.com", recipientAccountId: "111111111111", awsRegion: "us-east-1", identityType: "IAMUser" };
  await seedEvents(mine, [
    { eventId: "ev-m-0", eventTime: "2024-03-01T10:00:00Z", eventName: "ListUsers", principalArn: "arn:aws:iam::111111111111:user/me", accessKeyId: "AKIAMINE", errorCode: "AccessDenied", ...base },
    { eventId: "ev-m-1", eventTime: "2024-03-01T10:01:00Z", eventName: "CreateUser", principalArn: "arn:aws:iam::111111111111:user/me", accessKeyId: "AKIAMINE", ...base },
  ]);
  await seedEvents(foreign, [
    { eventId: "ev-f-0", eventTime: "2024-03-01T10:00:00Z", eventName: `${MARKER}Call`, principalArn: `arn:aws:iam::222222222222:user/${MARKER}`, accessKeyId: "AKIAFOREIGN", errorCode: "AccessDenied", ...base },
    { eventId: "ev-f-1", eventTime: "2024-03-01T10:01:00Z", eventName: "CreateUser", principalArn: `arn:aws:iam::222222222222:user/${MARKER}`, userAgent: MARKER, ...base },
  ]);
  await unsafeRebuildCaseRollups(mine);
  await unsafeRebuildCaseRollups(foreign);
  tokenUser = user;
});

let tokenUser: Awaited<ReturnType<typeof seedUser>>;
/** A fresh token per property, so the per-token rate limit (600 a minute) is never what answers. */
async function token(): Promise<string> {
  return (await createApiToken(tokenUser, { name: `fuzz-${randomUUID().slice(0, 6)}`, scope: "read-write" })).token;
}

const CASE_ROUTES: [string, Handler, string][] = [
  ["case", getCase as Handler, ""],
  ["events", getEvents as Handler, "/events"],
  ["bookmarks", getBookmarks as Handler, "/bookmarks"],
  ["findings", getFindings as Handler, "/findings"],
  ["reports", getReports as Handler, "/reports"],
  ["lineage", getLineage as Handler, "/lineage"],
  ["dashboard", getDashboard as Handler, "/dashboard"],
  ["timeline", getTimeline as Handler, "/timeline"],
  ["heatmap", getHeatmap as Handler, "/heatmaps/denied"],
  ["checklist", getChecklist as Handler, "/integrity/checklist"],
  ["activity", getActivity as Handler, "/activity"],
];

describe("fuzzing /api/v1", () => {
  for (const [name, handler, suffix] of CASE_ROUTES) {
    it(`GET ${name}: never a 500, never the other case`, async () => {
      const t = await token();
      await fc.assert(
        fc.asyncProperty(caseParam(), queryString(), async (c, query) => {
          const id = resolve(c);
          const r = await call(handler, t, `/api/v1/cases/${encodeURIComponent(id)}${suffix}${qs(query)}`, { caseId: id });
          check(r, `${name} ${c} ${JSON.stringify(query).slice(0, 200)}`);
          if (c === "FOREIGN") expect(r.status).toBe(404);
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  }

  it("GET one event and one report: never a 500, never the other case's", async () => {
    const t = await token();
    await fc.assert(
      fc.asyncProperty(caseParam(), nasty().map(wellFormed), async (c, sub) => {
        const id = resolve(c);
        for (const [handler, key, path] of [[getEvent, "eventId", "events"], [getReport, "reportId", "reports"]] as const) {
          const r = await call(handler as Handler, t, `/api/v1/cases/${encodeURIComponent(id)}/${path}/${encodeURIComponent(sub)}`, { caseId: id, [key]: sub });
          check(r, `${path} ${c} ${sub.slice(0, 80)}`);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("POST bookmarks with random bodies and content types: never a 500, never into the other case", async () => {
    const t = await token();
    const body = fc.oneof(
      nasty(),
      fc.json(),
      fc.record({ title: nasty(), query: nasty(), note: nasty(), eventIds: fc.array(nasty(), { maxLength: 4 }) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(caseParam(), body, fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", ""), async (c, b, type) => {
        const id = resolve(c);
        const r = await call(postBookmark as Handler, t, `/api/v1/cases/${encodeURIComponent(id)}/bookmarks`, { caseId: id }, { method: "POST", body: b, headers: type ? { "content-type": type } : {} });
        check(r, `bookmark ${c} ${b.slice(0, 120)}`);
        if (c === "FOREIGN") expect(r.status).toBe(404);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("GET cases lists only the caller's case, whatever the query", async () => {
    const t = await token();
    await fc.assert(
      fc.asyncProperty(queryString(), async (query) => {
        const r = await call(getCases as Handler, t, `/api/v1/cases${qs(query)}`, {});
        check(r, `cases ${JSON.stringify(query).slice(0, 200)}`);
        if (r.status === 200) expect((JSON.parse(r.text) as { id: string }[]).map((x) => x.id)).toEqual([mine]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
