// Backup and restore (issue #9, operations): a database with real content (users, a case and its
// members, an ingest of real files, rollups, baselines, detections, a bookmark, a note, a tag, an API
// token, the audit entries all of that writes) is dumped with pg_dump, restored with pg_restore into a
// FRESH database, and must come back identical: every table's exact row count, the audit hash chain, and
// what the data layer answers (events with a filter, lineage, findings, bookmarks, notes, members, raw
// records, the token and the password sign-in). Then the same through `trailbench backup` / `restore`,
// including the evidence store's archive unpacked into an empty data directory.
//
// pg_dump refuses a server newer than itself and the embedded PostgreSQL (18) ships no client tools, so
// this runs on a throw-away cluster of the distribution's PostgreSQL (Debian's 15, which .ci/run
// installs); without one it is skipped with the reason printed.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { listCaseMembers } from "@/lib/cases/list-case-members";
import { createBookmark } from "@/lib/bookmarks/create-bookmark";
import { listBookmarks } from "@/lib/bookmarks/list-bookmarks";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { migrateDatabase } from "@/lib/db/migrate";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { env } from "@/lib/env.js";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";
import { findEvents } from "@/lib/events/find-events";
import { parseEventQuery } from "@/lib/events/parse-event-query";
import { readRawRecords } from "@/lib/events/read-raw-records";
import { listFindings } from "@/lib/findings/list-findings";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { triageFinding } from "@/lib/findings/triage-finding";
import { unsafeComputeCaseBaselines } from "@/lib/baselines/compute-baselines";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { traceLineage } from "@/lib/lineage/trace-lineage";
import { createNote } from "@/lib/notes/create-note";
import { listCaseNotes } from "@/lib/notes/list-case-notes";
import { listEventNotes } from "@/lib/notes/list-event-notes";
import { backupDatabase } from "@/lib/ops/backup-database";
import { backupDataFiles } from "@/lib/ops/backup-data-files";
import { dataFilesArchivePath } from "@/lib/ops/data-file-entries";
import { restoreDatabase } from "@/lib/ops/restore-database";
import { restoreDataFiles } from "@/lib/ops/restore-data-files";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { addEventTag } from "@/lib/tags/add-event-tag";
import { findDebianPostgres, startDebianPostgres, type DebianPostgres } from "@/lib/testing/debian-postgres";
import { addMember, seedCase, seedUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";
import { verifyCredentials } from "@/lib/users/verify-credentials";

const found = findDebianPostgres();
const debian = "missing" in found ? { binDir: "", major: 0, missing: found.missing } : { ...found, missing: null };
if (debian.missing) console.info(`backup-restore.int.test.ts skipped: ${debian.missing}`);

type Json = Record<string, unknown>;
const ALICE = { type: "IAMUser", principalId: "AIDAALICE", arn: "arn:aws:iam::111111111111:user/alice", accountId: "111111111111", accessKeyId: "AKIAALICE", userName: "alice" };
const ROLE = {
  type: "AssumedRole", principalId: "AROAA:alice-session", arn: "arn:aws:sts::111111111111:assumed-role/RoleA/alice-session", accountId: "111111111111", accessKeyId: "ASIAONE",
  sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111111111111:role/RoleA", userName: "RoleA" } },
};

function record(id: string, minute: number, name: string, source: string, identity: Json, extra: Json = {}): Json {
  return {
    eventVersion: "1.08", userIdentity: identity, eventTime: `2023-07-10T11:${String(minute).padStart(2, "0")}:00Z`, eventSource: source, eventName: name,
    awsRegion: "us-east-1", sourceIPAddress: "203.0.113.1", userAgent: "aws-cli/2.13.0", eventID: id, eventType: "AwsApiCall", recipientAccountId: "111111111111", ...extra,
  };
}

const LINEAGE_RECORDS = [
  record("bk-1", 0, "GetCallerIdentity", "sts.amazonaws.com", ALICE),
  record("bk-2", 1, "AssumeRole", "sts.amazonaws.com", ALICE, { responseElements: { credentials: { accessKeyId: "ASIAONE", sessionToken: "t", expiration: "Jul 10, 2023, 12:00:00 PM" } } }),
  record("bk-3", 2, "ListBuckets", "s3.amazonaws.com", ROLE),
  record("bk-4", 3, "StopLogging", "cloudtrail.amazonaws.com", ROLE, { requestParameters: { name: "management-trail" } }),
];

type Fixture = { caseId: string; leadEmail: string; token: string };
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Exact row count of every table of the app's schema and the job queue's. */
async function tableCounts(): Promise<Record<string, number>> {
  const { rows } = await getPool().query<{ t: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS t FROM pg_tables WHERE schemaname IN ('public', 'pgboss') ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const { t } of rows) out[t] = (await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  return out;
}

/** What the app shows of the fixture, through its own data layer, on the database configured now. */
async function snapshot(fixture: Fixture, leadId: string) {
  const scope: CaseScope = await resolveCaseScope(leadId, fixture.caseId, "events:read");
  const filter = parseEventQuery("eventSource:sts.amazonaws.com");
  if (!filter.ok) throw new Error(filter.message);
  const raw = await readRawRecords(scope, ["bk-2", "bk-4"]);
  return {
    counts: await tableCounts(),
    chain: await verifyAuditChain(),
    events: await findEvents(scope, { filter: filter.filter, limit: 500 }),
    allEvents: await findEvents(scope, { limit: 500 }),
    lineage: await traceLineage(scope, "ASIAONE"),
    findings: await listFindings(scope, { eventIds: true }),
    bookmarks: await listBookmarks(scope),
    notes: await listCaseNotes(scope),
    eventNotes: await listEventNotes(scope, "bk-4"),
    members: await listCaseMembers(scope),
    raw: [...raw.entries()],
    token: await authenticateApiToken(fixture.token),
  };
}

async function buildFixture(): Promise<Fixture & { leadId: string }> {
  const lead = await seedUser({ role: "admin" });
  const investigator = await seedUser();
  const c = await seedCase(lead, { name: `Backup ${randomUUID().slice(0, 8)}` });
  await addMember(c.id, investigator, "investigator");
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-backup-evidence-"));
  await writeFile(path.join(dir, "lineage.json"), JSON.stringify({ Records: LINEAGE_RECORDS }));
  await writeFile(path.join(dir, "synthetic.json.gz"), gzipSync(JSON.stringify({ Records: buildSyntheticTrail(700) })));
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "backup-fixture", sourcePath: dir });
  expect(await runIngest(ingestRunId)).toBe("done");
  await rm(dir, { recursive: true, force: true });
  await unsafeRebuildCaseRollups(c.id);
  await unsafeComputeCaseBaselines(c.id);
  await unsafeRunCaseDetections(c.id);
  const findings = await listFindings(scope);
  expect(findings.length).toBeGreaterThan(0);
  await triageFinding(scope, { findingId: findings[0]!.id, status: "confirmed", note: "restored?" });
  await createBookmark(scope, { title: "Role chain", note: "alice → RoleA", view: `/cases/${c.id}/events?q=accessKeyId%3AASIAONE`, pinnedEventIds: ["bk-2", "bk-4"] });
  await createNote(scope, { eventId: "bk-4", body: "Logging stopped **here**." });
  await createNote(scope, { body: "Case-level note." });
  await addEventTag(scope, "bk-4", "anti-forensics");
  const { token } = await createApiToken(lead, { name: "backup test", scope: "read" });
  // A password sign-in: the user's hash is used, and auth.sign-in joins the audit chain.
  expect((await verifyCredentials({ email: lead.email, password: TEST_PASSWORD }))?.id).toBe(lead.id);
  return { caseId: c.id, leadEmail: lead.email, token, leadId: lead.id };
}

describe.skipIf(debian.missing !== null)("backup and restore with pg_dump / pg_restore", () => {
  let server: DebianPostgres;
  let sourceUrl: string;
  let fixture: Fixture & { leadId: string };
  let original: Snapshot;
  let work: string;

  const useDatabase = async (url: string) => {
    await closeDb();
    setDatabaseUrl(url);
  };

  beforeAll(async () => {
    if (debian.missing) return;
    work = await mkdtemp(path.join(os.tmpdir(), "trailbench-backup-"));
    server = await startDebianPostgres(debian.binDir, debian.major);
    sourceUrl = await server.createDatabase("trailbench_source");
    await useDatabase(sourceUrl);
    await prepareDatabase(sourceUrl);
    fixture = await buildFixture();
    original = await snapshot(fixture, fixture.leadId);
  }, 180_000);

  afterAll(async () => {
    await useDatabase(inject("databaseUrl"));
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("the source database holds the fixture the restore must bring back", () => {
    expect(original.chain.ok).toBe(true);
    expect(original.chain.checked).toBe(original.counts["public.audit_log"]);
    expect(original.counts["public.events"]).toBe(704);
    expect(original.events.rows.map((r) => r.eventId).slice(0, 2)).toEqual(["bk-2", "bk-1"]);
    expect(original.lineage.issued?.eventID).toBe("bk-2");
    expect(original.lineage.eventCounts).toMatchObject({ ASIAONE: 2 });
    expect(original.findings.some((f) => f.status === "confirmed")).toBe(true);
    expect(original.bookmarks.map((b) => [b.title, b.pinnedEventIds])).toEqual([["Role chain", ["bk-2", "bk-4"]]]);
    expect(original.notes.map((n) => n.body)).toEqual(["Case-level note."]);
    expect(original.eventNotes.map((n) => n.body)).toEqual(["Logging stopped **here**."]);
    expect(original.raw.map(([id, r]) => [id, r.ok && (r.record as Json).eventName])).toEqual([["bk-2", "AssumeRole"], ["bk-4", "StopLogging"]]);
    expect(original.token.user.id).toBe(fixture.leadId);
    // Every table the restore is compared on has rows (an empty table would prove nothing).
    for (const t of ["users", "cases", "case_members", "ingest_runs", "evidence_files", "events", "findings", "bookmarks", "notes", "event_tags", "api_tokens", "audit_log", "case_hour_counts", "identity_baselines"]) {
      expect(original.counts[`public.${t}`], t).toBeGreaterThan(0);
    }
  });

  it("pg_dump → pg_restore into a fresh database: same rows, same audit chain, same answers", async () => {
    const dump = path.join(work, "direct.dump");
    await useDatabase(sourceUrl);
    const backup = await backupDatabase({ databaseUrl: sourceUrl, file: dump, passwordHint: "trust" });
    expect(backup.serverMajor).toBe(debian.major);
    expect(backup.pgDump.major).toBeGreaterThanOrEqual(debian.major);
    expect(backup.bytes).toBeGreaterThan(10_000);
    // A backup never overwrites another.
    await expect(backupDatabase({ databaseUrl: sourceUrl, file: dump, passwordHint: "trust" })).rejects.toThrow(/already exists/);

    const restoredUrl = await server.createDatabase("trailbench_restored");
    await restoreDatabase({ databaseUrl: restoredUrl, file: dump, passwordHint: "trust" });
    await useDatabase(restoredUrl);
    const restored = await snapshot(fixture, fixture.leadId);
    expect(restored.counts).toEqual(original.counts);
    // The audit rows came back verbatim (triggers are created after the data is loaded): the chain verifies to the same head.
    expect(restored.chain).toEqual(original.chain);
    expect(restored).toEqual(original);

    // The app starts on it: nothing to migrate, the queue is installed, the password still signs in.
    const migrations = await migrateDatabase(restoredUrl);
    expect(migrations.applied).toEqual([]);
    expect(migrations.alreadyApplied.length).toBeGreaterThan(20);
    await prepareDatabase(restoredUrl);
    expect((await verifyCredentials({ email: fixture.leadEmail, password: TEST_PASSWORD }))?.id).toBe(fixture.leadId);
    expect(await verifyCredentials({ email: fixture.leadEmail, password: "wrong password entirely" })).toBeNull();
    // New audit rows chain onto the restored head, and the append-only triggers are back in force.
    const after = await verifyAuditChain();
    expect(after).toMatchObject({ ok: true, checked: original.chain.checked + 2 });
    await expect(getPool().query(`UPDATE audit_log SET action = 'auth.sign-out'`)).rejects.toThrow(/append-only/);
    await expect(getPool().query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);

    // Only into an empty database: over the restored one it refuses, and changes nothing.
    const before = await tableCounts();
    await expect(restoreDatabase({ databaseUrl: restoredUrl, file: dump, passwordHint: "trust" })).rejects.toThrow(/not empty/);
    expect(await tableCounts()).toEqual(before);
  });

  it("the evidence archive unpacked into an empty data directory holds every stored evidence file byte for byte", async () => {
    await useDatabase(sourceUrl);
    const tar = path.join(work, "direct.files.tar");
    const files = await backupDataFiles(env.TRAILBENCH_DATA_DIR, tar);
    // The data directory is shared with the other test files: ip-data/ is there when one uploaded an IP database.
    expect(files.entries).toContain("evidence");
    const members = execFileSync("tar", ["--list", `--file=${tar}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\n").filter(Boolean);
    expect(members.filter((m) => !m.startsWith("evidence/") && !m.startsWith("ip-data/"))).toEqual([]);
    expect(members.filter((m) => m.startsWith("evidence/tmp/"))).toEqual([]);

    const freshDataDir = await mkdtemp(path.join(os.tmpdir(), "trailbench-restored-data-"));
    try {
      await restoreDataFiles(freshDataDir, tar);
      const { rows } = await getPool().query<{ path: string; sha256: string; size: string; pack: string | null; pack_offset: string | null }>(
        `SELECT path, sha256, size::text, pack, pack_offset::text FROM evidence_files WHERE case_id = $1 AND sha256 IS NOT NULL ORDER BY path`,
        [fixture.caseId],
      );
      expect(rows.map((r) => r.path)).toEqual(["backup-fixture/lineage.json", "backup-fixture/synthetic.json.gz"]);
      for (const r of rows) {
        const bytes = await readEvidenceFile(freshDataDir, { sha256: r.sha256, size: Number(r.size), pack: r.pack, packOffset: r.pack_offset === null ? null : Number(r.pack_offset) });
        expect(bytes.length).toBe(Number(r.size));
      }
      expect(existsSync(path.join(freshDataDir, "auth-secret"))).toBe(false);
    } finally {
      await rm(freshDataDir, { recursive: true, force: true });
    }
  });

  it("trailbench backup / restore: dump + evidence archive, restored into a fresh database with equal counts", async () => {
    const dump = path.join(work, "cli.dump");
    await useDatabase(sourceUrl);
    const backup = await runCli(["backup", dump]);
    expect(backup.err).toEqual([]);
    expect(backup.code).toBe(0);
    expect(backup.out[0]).toMatch(new RegExp(`^database: ${escape(dump)} \\(\\d+\\.\\d MB; pg_dump ${debian.major} of a PostgreSQL ${debian.major} server\\)$`));
    expect(backup.out[1]).toMatch(new RegExp(`^files: ${escape(dataFilesArchivePath(dump))} \\(\\d+\\.\\d MB; evidence(, ip-data)? from ${escape(env.TRAILBENCH_DATA_DIR)}\\)$`));
    expect(backup.out.at(-1)).toMatch(/^Keep AUTH_SECRET/);
    expect(existsSync(dump) && existsSync(dataFilesArchivePath(dump))).toBe(true);

    const targetUrl = await server.createDatabase("trailbench_cli_restored");
    await useDatabase(targetUrl);
    const restore = await runCli(["restore", dump]);
    expect(restore.err).toEqual([]);
    expect(restore.code).toBe(0);
    expect(restore.out).toEqual([
      `database: restored ${dump} (pg_restore ${debian.major} into a PostgreSQL ${debian.major} server)`,
      `files: unpacked ${dataFilesArchivePath(dump)} into ${env.TRAILBENCH_DATA_DIR}`,
      "Start Trailbench as usual: it applies the migrations of a newer release to the restored database.",
    ]);
    await useDatabase(targetUrl);
    expect(await tableCounts()).toEqual(original.counts);
    expect(await verifyAuditChain()).toEqual(original.chain);

    // Again over the now non-empty database: refused, exit 1, nothing changed.
    const again = await runCli(["restore", dump]);
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/^error: The target database is not empty \(\d+ tables, views or sequences\): restore only into a new, empty database/);
    await useDatabase(targetUrl);
    expect(await tableCounts()).toEqual(original.counts);

    // A missing files archive is named before anything is touched.
    const missing = await runCli(["restore", path.join(work, "direct.dump")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([`error: ${path.join(work, "direct.dump.files.tar")} does not exist: restore it too, or pass --no-files to restore the database alone.`]);
  });

  it("trailbench backup of a server newer than the installed pg_dump says exactly what to install", async () => {
    // The integration tests' own database is the embedded PostgreSQL (18).
    const embeddedUrl = inject("databaseUrl");
    await useDatabase(embeddedUrl);
    const { rows } = await getPool().query<{ server_version_num: string }>("SHOW server_version_num");
    const embeddedMajor = Math.floor(Number(rows[0]!.server_version_num) / 10_000);
    const dump = path.join(work, "embedded.dump");
    const result = await runCli(["backup", dump, "--no-files"]);
    if (debian.major >= embeddedMajor) {
      expect(result.code).toBe(0); // a new enough client is installed: nothing to advise
      return;
    }
    expect(result.code).toBe(1);
    expect(existsSync(dump)).toBe(false);
    const lines = result.err.join("\n").split("\n");
    expect(lines[0]).toMatch(new RegExp(`^error: pg_dump ${debian.major} \\(\\S+/pg_dump\\) cannot back up this PostgreSQL ${embeddedMajor} server: pg_dump must be at least the server's major version \\(${embeddedMajor}\\)\\.$`));
    expect(lines).toContain(
      `    sudo apt-get install -y postgresql-common && sudo /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y && sudo apt-get install -y postgresql-client-${embeddedMajor}`,
    );
    const docker = lines.find((l) => l.includes("docker run"));
    expect(docker).toMatch(new RegExp(`^    docker run --rm --network host -v "\\$PWD":/backup postgres:${embeddedMajor} pg_dump --format=custom --file=/backup/embedded.dump postgresql://`));
    // The advice never prints the database password.
    const password = new URL(embeddedUrl).password;
    expect(password.length).toBeGreaterThan(0);
    expect(result.err.join("\n")).not.toContain(decodeURIComponent(password));
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
