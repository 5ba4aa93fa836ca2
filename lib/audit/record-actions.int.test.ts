// Each audited action of the data layer writes exactly one expected row (actor, action, case, target,
// detail) on a real PostgreSQL. Auth.js is replaced by a fixed session only where sign-out needs it.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { recordCaseAccess } from "@/lib/audit/record-case-access";
import { recordSearch } from "@/lib/audit/record-search";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { casePage } from "@/lib/auth/guards";
import { signOutUser } from "@/lib/auth/sign-out-user";
import { createBookmark } from "@/lib/bookmarks/create-bookmark";
import { deleteBookmark } from "@/lib/bookmarks/delete-bookmark";
import { pinBookmarkEvents } from "@/lib/bookmarks/pin-bookmark-events";
import { updateBookmark } from "@/lib/bookmarks/update-bookmark";
import { setCaseContext } from "@/lib/cases/set-case-context";
import { setExecutiveSummary } from "@/lib/cases/set-executive-summary";
import { getPool } from "@/lib/db/client";
import { requestDetectionsRun } from "@/lib/findings/request-detections-run";
import { triageFinding } from "@/lib/findings/triage-finding";
import { cancelIngestRun } from "@/lib/ingest/cancel-ingest-run";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { createReport, getReportBytes, type ReportRenderers } from "@/lib/reports/create-report";
import { addMember, seedCase, seedUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { verifyCredentials } from "@/lib/users/verify-credentials";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth-options", () => ({
  handlers: {},
  auth: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(async () => undefined),
}));

type Row = { action: string; actorId: string | null; actorLabel: string | null; caseId: string | null; targetType: string | null; targetId: string | null; detail: Record<string, unknown>; ip: string | null; userAgent: string | null };

async function rows(where: { caseId?: string; actorLabel?: string; actorId?: string; targetId?: string }): Promise<Row[]> {
  const [col, value] = where.caseId
    ? ["case_id", where.caseId]
    : where.actorLabel
      ? ["actor_label", where.actorLabel]
      : where.actorId
        ? ["actor_id", where.actorId]
        : ["target_id", where.targetId!];
  const { rows: r } = await getPool().query<Row>(
    `SELECT action, actor_id::text AS "actorId", actor_label AS "actorLabel", case_id::text AS "caseId", target_type AS "targetType",
            target_id AS "targetId", detail, ip, user_agent AS "userAgent"
       FROM audit_log WHERE ${col}::text = $1 ORDER BY audit_log.id`,
    [value],
  );
  return r;
}

const none = { ip: null, userAgent: null };

describe("audited actions", () => {
  it("records a password sign-in, and a failed one with the typed email and never the password", async () => {
    const user = await seedUser();
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
    expect(await rows({ actorId: user.id })).toEqual([
      { action: "auth.sign-in", actorId: user.id, actorLabel: user.email, caseId: null, targetType: "user", targetId: user.id, detail: { method: "password" }, ...none },
    ]);
    expect(await verifyCredentials({ email: ` ${user.email.toUpperCase()} `, password: "wrong-password-xyz" })).toBeNull();
    // The typed email is kept lower-cased (the sign-in lockout counts failures per email).
    expect(await rows({ actorLabel: user.email })).toEqual([
      { action: "auth.sign-in", actorId: user.id, actorLabel: user.email, caseId: null, targetType: "user", targetId: user.id, detail: { method: "password" }, ...none },
      { action: "auth.sign-in-failed", actorId: null, actorLabel: user.email, caseId: null, targetType: "user", targetId: user.id, detail: { method: "password", reason: "wrong-password" }, ...none },
    ]);
    const nobody = `nobody-${randomUUID()}@example.test`;
    expect(await verifyCredentials({ email: nobody, password: "x" })).toBeNull();
    expect(await rows({ actorLabel: nobody })).toEqual([
      { action: "auth.sign-in-failed", actorId: null, actorLabel: nobody, caseId: null, targetType: null, targetId: null, detail: { method: "password", reason: "unknown-email" }, ...none },
    ]);
    const { rows: leaked } = await getPool().query(`SELECT count(*)::int AS n FROM audit_log WHERE detail::text LIKE '%wrong-password-xyz%' OR actor_label LIKE '%wrong-password-xyz%'`);
    expect(leaked[0]).toEqual({ n: 0 });
  });

  it("records sign-out for the signed-in user", async () => {
    const user = await seedUser();
    session.userId = user.id;
    await expect(signOutUser()).rejects.toThrow("unreachable");
    session.userId = null;
    expect((await rows({ actorId: user.id })).map((r) => [r.action, r.actorLabel])).toEqual([["auth.sign-out", user.email]]);
  });

  it("records case creation, settings changes, case access and a search, with exact details", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead, { name: "Audit case" });
    const scope = await resolveCaseScope(lead.id, c.id, "case:update");
    await setCaseContext(scope, { trustedNetworks: ["10.0.0.0/8"], expectedCountries: ["DE"] });
    await setExecutiveSummary(scope, "Root keys were used.");
    await recordCaseAccess(lead.id, c.id, false);
    await recordSearch(scope, { query: "  eventName:ConsoleLogin  ", resultCount: 7, exact: true, via: "web" });
    await recordSearch(scope, { query: "   ", resultCount: 0, exact: true, via: "web" }); // empty: not a search
    const target = { caseId: c.id, targetType: "case", targetId: c.id, ...none };
    expect(await rows({ caseId: c.id })).toEqual([
      { action: "case.create", actorId: lead.id, actorLabel: null, ...target, detail: { name: "Audit case" } },
      { action: "case.update", actorId: lead.id, actorLabel: null, ...target, detail: { setting: "context", trustedNetworks: ["10.0.0.0/8"], expectedCountries: ["DE"] } },
      { action: "case.update", actorId: lead.id, actorLabel: null, ...target, detail: { setting: "executive-summary", length: 20 } },
      { action: "case.access", actorId: lead.id, actorLabel: null, ...target, detail: {} },
      { action: "search.run", actorId: lead.id, actorLabel: null, caseId: c.id, targetType: "events", targetId: null, detail: { query: "eventName:ConsoleLogin", resultCount: 7, exact: true, via: "web" }, ...none },
    ]);
  });

  it("records case.access when a case page passes casePage, and a refused attempt as denied", async () => {
    const lead = await seedUser();
    const stranger = await seedUser();
    const c = await seedCase(lead);
    session.userId = lead.id;
    await casePage(Promise.resolve({ caseId: c.id }), "case:read");
    session.userId = stranger.id;
    await expect(casePage(Promise.resolve({ caseId: c.id }), "case:read")).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(casePage(Promise.resolve({ caseId: "not-a-uuid" }), "case:read")).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    session.userId = null;
    const target = { caseId: c.id, targetType: "case", targetId: c.id, actorLabel: null, ...none };
    expect((await rows({ caseId: c.id })).slice(1)).toEqual([
      { action: "case.access", actorId: lead.id, ...target, detail: {} },
      { action: "case.access", actorId: stranger.id, ...target, detail: { denied: true } },
    ]);
    expect(await rows({ actorId: stranger.id })).toHaveLength(1);
  });

  it("records bookmarks created, edited, pinned and deleted", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    await getPool().query(`INSERT INTO events (case_id, event_id, evidence_file_id, position, event_name) VALUES ($1, 'evt-a', $2, 0, 'GetObject')`, [c.id, randomUUID()]);
    const scope = await resolveCaseScope(lead.id, c.id, "bookmarks:write");
    const b = await createBookmark(scope, { title: "Root login", note: "", view: `/cases/${c.id}/events`, pinnedEventIds: [] });
    await updateBookmark(scope, b.id, { title: "Root login (confirmed)", note: "n" });
    await pinBookmarkEvents(scope, b.id, ["evt-a"]);
    await deleteBookmark(scope, b.id);
    const common = { actorId: lead.id, actorLabel: null, caseId: c.id, targetType: "bookmark", targetId: b.id, ...none };
    expect((await rows({ caseId: c.id })).slice(1)).toEqual([
      { action: "bookmark.create", ...common, detail: { title: "Root login", pinnedEvents: 0 } },
      { action: "bookmark.update", ...common, detail: { title: "Root login (confirmed)", view: false } },
      { action: "bookmark.update", ...common, detail: { pinned: ["evt-a"] } },
      { action: "bookmark.delete", ...common, detail: {} },
    ]);
  });

  it("records a triage, an on-demand detection run, a report export and its download", async () => {
    const lead = await seedUser();
    const c = await seedCase(lead);
    const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
    const { rows: f } = await getPool().query<{ id: string }>(
      `INSERT INTO findings (case_id, rule_id, source, title, severity, principal, failed_attempt, reason, event_ids, event_count)
       VALUES ($1, 'root-console-login', 'builtin', 'Root console sign-in', 'high', 'root', false, 'r', '{e1}', 1) RETURNING id`,
      [c.id],
    );
    await triageFinding(scope, { findingId: f[0]!.id, status: "confirmed", note: "yes" });
    await requestDetectionsRun(scope);
    const report = await createReport(scope, "json", {} as ReportRenderers);
    await getReportBytes(scope, report.id);
    const who = { actorId: lead.id, actorLabel: null, caseId: c.id, ...none };
    expect((await rows({ caseId: c.id })).slice(1)).toEqual([
      { action: "finding.triage", ...who, targetType: "finding", targetId: f[0]!.id, detail: { status: "confirmed", ruleId: "root-console-login", title: "Root console sign-in" } },
      { action: "detections.run", ...who, targetType: "case", targetId: c.id, detail: { full: true } },
      { action: "report.create", ...who, targetType: "report", targetId: report.id, detail: { identifier: report.identifier, format: "json", sha256: report.sha256, size: report.size } },
      { action: "export.download", ...who, targetType: "report", targetId: report.id, detail: { identifier: report.identifier, format: "json", sha256: report.sha256 } },
    ]);
  });

  it("records ingest start (who, source), cancel (who) and finish (the worker, counts)", async () => {
    const lead = await seedUser();
    const investigator = await seedUser();
    const c = await seedCase(lead);
    await addMember(c.id, investigator, "investigator");
    const scope = await resolveCaseScope(investigator.id, c.id, "evidence:write");
    const empty = await mkdtemp(path.join(os.tmpdir(), "audit-empty-"));
    const first = await enqueueIngest(scope, { origin: "web", sourceKind: "path", sourceLabel: "trail.json.gz", sourcePath: empty });
    expect(await runIngest(first.ingestRunId)).toBe("done");
    const second = await enqueueIngest(scope, { origin: "web", sourceKind: "path", sourceLabel: "second", sourcePath: empty });
    await cancelIngestRun(scope, second.ingestRunId);
    const run = (id: string) => ({ caseId: c.id, targetType: "ingest-run", targetId: id, ...none });
    expect((await rows({ caseId: c.id })).slice(1)).toEqual([
      { action: "ingest.start", actorId: investigator.id, actorLabel: null, ...run(first.ingestRunId), detail: { origin: "web", sourceKind: "path", sourceLabel: "trail.json.gz" } },
      {
        action: "ingest.finish",
        actorId: null,
        actorLabel: "worker",
        ...run(first.ingestRunId),
        detail: { state: "failed", filesDone: 0, records: 0, inserted: 0, duplicates: 0, rejectedFiles: 0, rejectedRecords: 0 },
      },
      { action: "ingest.start", actorId: investigator.id, actorLabel: null, ...run(second.ingestRunId), detail: { origin: "web", sourceKind: "path", sourceLabel: "second" } },
      { action: "ingest.cancel", actorId: investigator.id, actorLabel: null, ...run(second.ingestRunId), detail: { result: "cancelled" } },
    ]);
  });
});
