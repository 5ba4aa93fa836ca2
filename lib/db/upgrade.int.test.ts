// Upgrade (issue #9, operations): a database created by the previous tagged release migrates forward
// cleanly. prisma/releases.json records each release and the last migration it shipped; this test
// applies only the migrations up to that release (copied to a temp dir), fills the database with data
// written as that release wrote it (raw SQL valid at that schema, audit rows through its trigger), then
// starts the current code on it the way `npm start` does (prepareDatabase: every newer migration, the
// queue) and checks that every migration applied, every row of every table kept its exact values, the
// data layer reads them, the password and the API token still work, and the audit chain verifies.
//
// It keeps working as migrations are added (the forward step is whatever lies after the release) and as
// releases are added: the data is written at the newest release that has a fixture below, then migrated
// through every later release in turn. Give each new release a fixture when its schema changes.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { listBookmarks } from "@/lib/bookmarks/list-bookmarks";
import { listCaseMembers } from "@/lib/cases/list-case-members";
import { closeDb } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase } from "@/lib/db/migrate";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { findEvents } from "@/lib/events/find-events";
import { parseEventQuery } from "@/lib/events/parse-event-query";
import { listFindings } from "@/lib/findings/list-findings";
import { traceLineage } from "@/lib/lineage/trace-lineage";
import { listCaseNotes } from "@/lib/notes/list-case-notes";
import { listEventNotes } from "@/lib/notes/list-event-notes";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/lib/testing/crash/isolated-database";
import { verifyCredentials } from "@/lib/users/verify-credentials";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ZReleases = z.object({
  releases: z
    .array(z.object({ version: z.string(), tag: z.string(), commit: z.string().regex(/^[0-9a-f]{40}$/), date: z.string(), lastMigration: z.string() }))
    .min(1),
});
const releases = ZReleases.parse(JSON.parse(readFileSync(path.join(ROOT, "prisma/releases.json"), "utf8"))).releases;

// ---- The data a release wrote, in that release's schema ----

const LEAD = "11111111-0000-4000-8000-000000000001";
const ANALYST = "11111111-0000-4000-8000-000000000002";
const CASE = "22222222-0000-4000-8000-000000000001";
const RUN = "33333333-0000-4000-8000-000000000001";
const FILE_A = "44444444-0000-4000-8000-000000000001";
const FILE_B = "44444444-0000-4000-8000-000000000002";
const FINDING = "55555555-0000-4000-8000-000000000001";
const BOOKMARK = "66666666-0000-4000-8000-000000000001";
const LEAD_EMAIL = "lead@upgrade.example.test";
const LEAD_PASSWORD = "v0.1.0 upgrade fixture password";
// argon2id of LEAD_PASSWORD, as v0.1.0's lib/users/passwords.ts stored it.
const LEAD_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$3HOiD2urtYUa9tyBBnLvrA$2i1WE+xnqb5pvt1gpG/iCN66iTryG1CbFEm29hcGToM";
const API_TOKEN = "tb_UpgradeFixtureToken0123456789abcdefghijklmn";
const API_TOKEN_SHA256 = "462399c411313d9a9422c334f2e650c97a20b23a78386871414064de04315485";
const ROLE_ARN = "arn:aws:sts::111111111111:assumed-role/RoleA/alice-session";
const ALICE_ARN = "arn:aws:iam::111111111111:user/alice";

type Fixture = { auditRows: number };

const FIXTURES: Record<string, (client: pg.Client) => Promise<Fixture>> = {
  "0.1.0": async (c) => {
    await c.query(
      `INSERT INTO users (id, email, name, password_hash, role, created_at, updated_at, last_sign_in_at) VALUES
         ($1, $3, 'Lead Investigator', $4, 'admin', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', '2026-11-02T10:00:00Z'),
         ($2, 'analyst@upgrade.example.test', 'Analyst (SSO)', NULL, 'member', '2026-11-01T09:05:00Z', '2026-11-01T09:05:00Z', NULL)`,
      [LEAD, ANALYST, LEAD_EMAIL, LEAD_PASSWORD_HASH],
    );
    await c.query(`INSERT INTO user_identities (user_id, issuer, subject, email) VALUES ($1, 'https://login.example.test', 'sub-analyst', 'analyst@upgrade.example.test')`, [ANALYST]);
    await c.query(
      `INSERT INTO cases (id, name, description, event_count, window_start, window_end, trusted_networks, expected_countries, created_by_id, created_at, updated_at, executive_summary)
       VALUES ($1, 'Upgrade case', 'written by v0.1.0', 6, '2023-07-10T11:00:00Z', '2023-07-10T12:00:00Z', '{203.0.113.0/24}', '{DE}', $2, '2026-11-01T09:10:00Z', '2026-11-01T09:10:00Z', 'Keys were misused.')`,
      [CASE, LEAD],
    );
    await c.query(`INSERT INTO case_members (case_id, user_id, role) VALUES ($1, $2, 'lead'), ($1, $3, 'investigator')`, [CASE, LEAD, ANALYST]);
    await c.query(
      `INSERT INTO ingest_runs (id, case_id, created_by_id, origin, source_kind, source_label, source_path, state, files_done, bytes_done, records, inserted, duplicates, attempts, started_at, finished_at, created_at)
       VALUES ($1, $2, $3, 'web', 'upload', 'trail.zip', '/data/uploads/trail.zip', 'succeeded', 2, 4096, 7, 6, 1, 1, '2026-11-01T09:11:00Z', '2026-11-01T09:12:00Z', '2026-11-01T09:11:00Z')`,
      [RUN, CASE, LEAD],
    );
    await c.query(
      `INSERT INTO evidence_files (id, case_id, ingest_run_id, path, sha256, size, pack, pack_offset, kind, format, records, inserted, duplicates) VALUES
         ($1, $3, $4, 'trail.zip/a.json.gz', repeat('a', 64), 2048, 'pack-1.pack', 0, 'events', 'records', 4, 4, 0),
         ($2, $3, $4, 'trail.zip/b.json.gz', repeat('b', 64), 2048, 'pack-1.pack', 2048, 'events', 'records', 3, 2, 1)`,
      [FILE_A, FILE_B, CASE, RUN],
    );
    const events: [string, string, string, string, string | null, string | null, string | null, string | null, string, number][] = [
      // id, time, source, name, principal, key, issued key, error, file, position
      ["up-1", "11:00", "sts.amazonaws.com", "GetCallerIdentity", ALICE_ARN, "AKIAUPGRADE", null, null, FILE_A, 0],
      ["up-2", "11:01", "sts.amazonaws.com", "AssumeRole", ALICE_ARN, "AKIAUPGRADE", "ASIAUPGRADE1", null, FILE_A, 1],
      ["up-3", "11:02", "s3.amazonaws.com", "ListBuckets", ROLE_ARN, "ASIAUPGRADE1", null, null, FILE_A, 2],
      ["up-4", "11:03", "cloudtrail.amazonaws.com", "StopLogging", ROLE_ARN, "ASIAUPGRADE1", null, null, FILE_A, 3],
      ["up-5", "11:04", "s3.amazonaws.com", "GetObject", ROLE_ARN, "ASIAUPGRADE1", null, "AccessDenied", FILE_B, 0],
      ["up-6", "11:05", "signin.amazonaws.com", "ConsoleLogin", ALICE_ARN, null, null, null, FILE_B, 2],
    ];
    for (const [id, time, source, name, principal, key, issued, error, file, position] of events) {
      const role = principal === ROLE_ARN;
      await c.query(
        `INSERT INTO events (case_id, event_id, event_time, event_version, event_source, event_name, aws_region, source_ip_address, user_agent, identity_type,
                             principal_arn, principal_account_id, user_name, access_key_id, session_issuer_arn, session_name, issued_access_key_id, error_code,
                             read_only, event_type, recipient_account_id, flags, resources, evidence_file_id, position, search_text, source_kind, tool)
         VALUES ($1, $2, $3, '1.08', $4, $5, 'us-east-1', '203.0.113.7', 'aws-cli/2.13.0', $6, $7, '111111111111', $8, $9, $10, $11, $12, $13,
                 $14, 'AwsApiCall', '111111111111', $15, '{}', $16, $17, $18, 'public', 'aws-cli')`,
        [
          CASE, id, `2023-07-10T${time}:00Z`, source, name, role ? "AssumedRole" : "IAMUser", principal, role ? "RoleA" : "alice", key,
          role ? "arn:aws:iam::111111111111:role/RoleA" : null, role ? "alice-session" : null, issued, error,
          name.startsWith("Get") || name.startsWith("List"), error ? ["denied"] : [], file, position, `"requestParameters":{"id":"${id}"}`,
        ],
      );
    }
    await c.query(
      `INSERT INTO findings (id, case_id, rule_id, source, title, severity, description, attack, tactics, evidence_fields, principal, failed_attempt, reason,
                             event_ids, event_count, first_at, last_at, status, note, triaged_by_id, triaged_at, triaged_event_count, created_at, updated_at)
       VALUES ($1, $2, 'cloudtrail-logging-stopped', 'builtin', 'CloudTrail logging stopped', 'high', 'StopLogging ends the record.', '{T1562.008}', '{defense-evasion}',
               '{eventName}', $3, false, 'StopLogging on management-trail', '{up-4}', 1, '2023-07-10T11:03:00Z', '2023-07-10T11:03:00Z', 'confirmed', 'attacker', $4,
               '2026-11-01T09:20:00Z', 1, '2026-11-01T09:13:00Z', '2026-11-01T09:20:00Z')`,
      [FINDING, CASE, ROLE_ARN, LEAD],
    );
    await c.query(`INSERT INTO detected_evidence_files (case_id, evidence_file_id) VALUES ($1, $2), ($1, $3)`, [CASE, FILE_A, FILE_B]);
    await c.query(
      `UPDATE cases SET detections_run_at = '2026-11-01T09:13:00Z', detections_event_count = 6, detections_mode = 'full', rollups_event_count = NULL WHERE id = $1`,
      [CASE],
    );
    await c.query(
      `INSERT INTO bookmarks (id, case_id, created_by_id, title, note, view, pinned_event_ids, created_at, updated_at)
       VALUES ($1, $2, $3, 'Role chain', 'alice → RoleA', $4, '{up-2,up-4}', '2026-11-01T09:21:00Z', '2026-11-01T09:21:00Z')`,
      [BOOKMARK, CASE, LEAD, `/cases/${CASE}/events?q=accessKeyId%3AASIAUPGRADE1`],
    );
    await c.query(
      `INSERT INTO notes (case_id, event_id, author_id, body, created_at, updated_at) VALUES
         ($1, 'up-4', $2, 'Logging stopped **here**.', '2026-11-01T09:22:00Z', '2026-11-01T09:22:00Z'),
         ($1, NULL, $2, 'Case-level note.', '2026-11-01T09:23:00Z', '2026-11-01T09:23:00Z')`,
      [CASE, LEAD],
    );
    await c.query(`INSERT INTO event_tags (case_id, event_id, tag, created_by_id) VALUES ($1, 'up-4', 'anti-forensics', $2)`, [CASE, LEAD]);
    await c.query(`INSERT INTO event_marks (case_id, event_id, kind, created_by_id) VALUES ($1, 'up-2', 'evidence', $2)`, [CASE, LEAD]);
    await c.query(
      `INSERT INTO api_tokens (user_id, name, prefix, token_hash, scope, created_at) VALUES ($1, 'reporting script', $2, $3, 'read', '2026-11-01T09:24:00Z')`,
      [LEAD, API_TOKEN.slice(3, 11), API_TOKEN_SHA256],
    );
    const audit: [string, string | null, string | null, string | null, string | null, object][] = [
      ["auth.sign-in", LEAD, null, "user", LEAD, { method: "password" }],
      ["case.create", LEAD, CASE, "case", CASE, { name: "Upgrade case" }],
      ["member.add", LEAD, CASE, "user", ANALYST, { role: "investigator" }],
      ["ingest.start", LEAD, CASE, "ingest-run", RUN, { origin: "web", sourceKind: "upload", sourceLabel: "trail.zip" }],
      ["ingest.finish", null, CASE, "ingest-run", RUN, { state: "succeeded", inserted: 6 }],
      ["finding.triage", LEAD, CASE, "finding", FINDING, { status: "confirmed" }],
      ["bookmark.create", LEAD, CASE, "bookmark", BOOKMARK, { title: "Role chain" }],
      ["token.create", LEAD, null, "token", null, { name: "reporting script", scope: "read" }],
    ];
    for (const [action, actor, caseId, targetType, targetId, detail] of audit) {
      await c.query(
        `INSERT INTO audit_log (actor_id, actor_label, action, case_id, target_type, target_id, detail, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, '198.51.100.9', 'Mozilla/5.0')`,
        [actor, actor ? LEAD_EMAIL : "worker", action, caseId, targetType, targetId, JSON.stringify(detail)],
      );
    }
    return { auditRows: audit.length };
  },
};

// ---- Helpers ----

async function migrationNames(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** A migrations directory holding only the migrations up to `last`, as the release shipped them. */
async function migrationsUpTo(last: string, into: string): Promise<string[]> {
  const names = (await migrationNames(DEFAULT_MIGRATIONS_DIR)).filter((n) => n <= last);
  for (const n of names) await cp(path.join(DEFAULT_MIGRATIONS_DIR, n), path.join(into, n), { recursive: true });
  return names;
}

type TableDump = Map<string, { columns: string[]; rows: string[] }>;

/** Every row of every table of the app's schema, as JSON arrays of its columns, sorted. */
async function dumpTables(client: pg.Client, only?: TableDump): Promise<TableDump> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  const out: TableDump = new Map();
  for (const { name } of tables) {
    if (only && !only.has(name)) continue;
    const columns =
      only?.get(name)?.columns ??
      (await client.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [name])).rows.map((r) => r.c);
    const list = columns.map((col) => client.escapeIdentifier(col)).join(", ");
    const { rows } = await client.query<{ r: string }>(`SELECT json_build_array(${list})::text AS r FROM ${client.escapeIdentifier(name)}`);
    out.set(name, { columns, rows: rows.map((r) => r.r).sort() });
  }
  return out;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---- The test ----

const fixtureIndex = releases.findLastIndex((r) => FIXTURES[r.version] !== undefined);
const previous = releases[releases.length - 1]!;

describe(`upgrade: a database of release ${previous.version} migrates forward to the current migrations`, () => {
  let isolated: IsolatedDatabase;
  let tmp: string;
  let before: TableDump;
  let fixture: Fixture;
  let forward: { applied: string[]; alreadyApplied: string[] };
  let expectedForward: string[];
  const releaseSteps: { version: string; applied: string[] }[] = [];

  beforeAll(async () => {
    expect(fixtureIndex, "prisma/releases.json names no release with a fixture in this test").toBeGreaterThanOrEqual(0);
    isolated = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_upgrade");
    tmp = await mkdtemp(path.join(os.tmpdir(), "trailbench-upgrade-"));
    const start = releases[fixtureIndex]!;
    const startDir = path.join(tmp, start.version);
    const startNames = await migrationsUpTo(start.lastMigration, startDir);
    releaseSteps.push({ version: start.version, applied: (await migrateDatabase(isolated.url, startDir)).applied });
    expect(releaseSteps[0]!.applied).toEqual(startNames);
    fixture = await withClient(isolated.url, (c) => FIXTURES[start.version]!(c));
    // Through every later release in turn, as a site upgrading release by release would.
    for (const r of releases.slice(fixtureIndex + 1)) {
      const dir = path.join(tmp, r.version);
      await migrationsUpTo(r.lastMigration, dir);
      releaseSteps.push({ version: r.version, applied: (await migrateDatabase(isolated.url, dir)).applied });
    }
    before = await withClient(isolated.url, (c) => dumpTables(c));
    expectedForward = (await migrationNames(DEFAULT_MIGRATIONS_DIR)).filter((n) => n > previous.lastMigration);
    // The current code starts on it exactly as `npm start` and the worker do.
    await closeDb();
    setDatabaseUrl(isolated.url);
    forward = await prepareDatabase(isolated.url);
  }, 180_000);

  afterAll(async () => {
    await closeDb();
    setDatabaseUrl(inject("databaseUrl"));
    await isolated?.drop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("prisma/releases.json is consistent with the migrations (and with git, when the release commit is at hand)", async () => {
    const current = await migrationNames(DEFAULT_MIGRATIONS_DIR);
    for (const [i, r] of releases.entries()) {
      expect(current, `release ${r.version}'s last migration must still exist (never delete or rename a migration)`).toContain(r.lastMigration);
      if (i > 0) expect(r.lastMigration >= releases[i - 1]!.lastMigration, `releases are oldest first: ${r.version}`).toBe(true);
      let shipped: string[] | null = null;
      try {
        shipped = execFileSync("git", ["ls-tree", "--name-only", r.commit, "prisma/migrations/"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
          .split("\n")
          .map((p) => path.basename(p))
          .filter((n) => /^\d{14}_/.test(n));
      } catch {
        console.info(`upgrade.int.test.ts: commit ${r.commit} of release ${r.version} is not in this clone; its migration list is not cross-checked`);
      }
      if (shipped) expect(shipped.at(-1), `the last migration at ${r.commit}`).toBe(r.lastMigration);
      if (shipped) expect(shipped, `release ${r.version}'s migrations are unchanged since it shipped`).toEqual(current.filter((n) => n <= r.lastMigration));
    }
  });

  it("every migration after the release applies, in order, and a second start applies none", async () => {
    expect(forward.applied).toEqual(expectedForward);
    expect(forward.alreadyApplied).toEqual((await migrationNames(DEFAULT_MIGRATIONS_DIR)).filter((n) => n <= previous.lastMigration));
    const again = await migrateDatabase(isolated.url);
    expect(again.applied).toEqual([]);
    console.info(`upgrade: data written at ${releaseSteps[0]!.version}; steps ${releaseSteps.map((s) => `${s.version} (+${s.applied.length})`).join(" → ")} → current (+${forward.applied.length}: ${forward.applied.join(", ") || "none"})`);
  });

  it("every row of every table keeps its exact values", async () => {
    const after = await withClient(isolated.url, (c) => dumpTables(c, before));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, { rows }] of before) expect(after.get(table)!.rows, table).toEqual(rows);
    // The fixture reached every table it meant to (an empty comparison proves nothing).
    const counts = Object.fromEntries([...before].map(([t, d]) => [t, d.rows.length]));
    expect(counts).toMatchObject({
      users: 2, user_identities: 1, cases: 1, case_members: 2, ingest_runs: 1, evidence_files: 2, events: 6, findings: 1,
      detected_evidence_files: 2, bookmarks: 1, notes: 2, event_tags: 1, event_marks: 1, api_tokens: 1, audit_log: fixture.auditRows,
    });
    // A counter added after the release is filled from the rows it counts.
    const counters = await withClient(isolated.url, (c) => c.query(`SELECT event_count, evidence_file_count FROM cases WHERE id = $1`, [CASE]));
    expect(counters.rows).toEqual([{ event_count: 6, evidence_file_count: 2 }]);
  });

  it("the audit chain written through the old trigger verifies, and new entries chain onto it", async () => {
    const chain = await verifyAuditChain();
    expect(chain).toMatchObject({ ok: true, checked: fixture.auditRows, problem: null });
    expect((await verifyCredentials({ email: LEAD_EMAIL, password: LEAD_PASSWORD }))?.id).toBe(LEAD);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: fixture.auditRows + 1 });
  });

  it("the data layer reads the release's data: members, events (filtered), lineage, findings, bookmarks, notes, the API token", async () => {
    const scope: CaseScope = await resolveCaseScope(LEAD, CASE, "events:read");
    expect((await listCaseMembers(scope)).map((m) => [m.email, m.role])).toEqual([
      [LEAD_EMAIL, "lead"],
      ["analyst@upgrade.example.test", "investigator"],
    ]);
    const all = await findEvents(scope, { limit: 50 });
    expect(all.rows.map((r) => [r.eventId, r.eventName])).toEqual([
      ["up-6", "ConsoleLogin"], ["up-5", "GetObject"], ["up-4", "StopLogging"], ["up-3", "ListBuckets"], ["up-2", "AssumeRole"], ["up-1", "GetCallerIdentity"],
    ]);
    const q = parseEventQuery("accessKeyId:ASIAUPGRADE1 -errorCode:AccessDenied");
    if (!q.ok) throw new Error(q.message);
    expect((await findEvents(scope, { filter: q.filter })).rows.map((r) => r.eventId)).toEqual(["up-4", "up-3"]);
    const lineage = await traceLineage(scope, "ASIAUPGRADE1");
    expect(lineage.issued).toMatchObject({ eventID: "up-2", eventName: "AssumeRole", callerArn: ALICE_ARN, callerAccessKeyId: "AKIAUPGRADE" });
    expect(lineage.eventCounts).toMatchObject({ ASIAUPGRADE1: 3, AKIAUPGRADE: 2 });
    const findings = await listFindings(scope, { eventIds: true });
    expect(findings.map((f) => ({ id: f.id, ruleId: f.ruleId, severity: f.severity, status: f.status, note: f.note, triagedBy: f.triagedBy, eventIds: f.eventIds, newSinceTriage: f.newSinceTriage }))).toEqual([
      { id: FINDING, ruleId: "cloudtrail-logging-stopped", severity: "high", status: "confirmed", note: "attacker", triagedBy: "Lead Investigator", eventIds: ["up-4"], newSinceTriage: 0 },
    ]);
    expect((await listBookmarks(scope)).map((b) => [b.id, b.title, b.view, b.pinnedEventIds, b.createdByName])).toEqual([
      [BOOKMARK, "Role chain", `/cases/${CASE}/events?q=accessKeyId%3AASIAUPGRADE1`, ["up-2", "up-4"], "Lead Investigator"],
    ]);
    expect((await listCaseNotes(scope)).map((n) => n.body)).toEqual(["Case-level note."]);
    expect((await listEventNotes(scope, "up-4")).map((n) => n.body)).toEqual(["Logging stopped **here**."]);
    const token = await authenticateApiToken(API_TOKEN);
    expect({ user: token.user.id, scope: token.scope }).toEqual({ user: LEAD, scope: "read" });
  });
});
