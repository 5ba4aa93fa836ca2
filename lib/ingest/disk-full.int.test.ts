// Issue #9, faults: the disk full during an upload and during an ingest. The data directory (evidence
// store, evidence packs, upload sessions) is a small tmpfs that the test fills; uploads run in a process
// of their own with that data directory (lib/testing/crash/upload-child.ts: what the upload routes run),
// ingests in the real worker process. Expected: a clear error (HTTP 507 naming the full disk; a run
// "failed" naming ENOSPC), nothing partial kept (no temporary file, no run queued, only whole committed
// files and their events), and once space is freed the retry ends with exact counts.
// Needs root (or CAP_SYS_ADMIN) to mount the tmpfs, as in CI; elsewhere the tests skip and say why.
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { buildCrashEvidence, type CrashEvidence } from "@/lib/testing/crash/crash-evidence";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/lib/testing/crash/isolated-database";
import { consistencyProblems, evidenceReadFailures, isTerminalRun, keptDeliveries, pollRun, readRun } from "@/lib/testing/crash/run-outcome";
import { mountSmallTmpfs, type SmallTmpfs } from "@/lib/testing/crash/small-tmpfs";
import { runUploadProcess } from "@/lib/testing/crash/upload-process";
import { killAllWorkers, WorkerProcess } from "@/lib/testing/crash/worker-process";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

const TMPFS_BYTES = 16 * 1024 * 1024;
const LABEL = "evidence";
const UPLOAD_RECORDS = 300;
const FINISH_TIMEOUT_MS = 150_000;

let tmpfs: SmallTmpfs | undefined;
let skipReason = "";
let isolated: IsolatedDatabase | undefined;
let worker: WorkerProcess | undefined;
let evidence: CrashEvidence;
let evidenceBytes = 0;
let uploads: { dir: string; a: string; b: string } | undefined;


async function newCase(): Promise<{ userId: string; caseId: string }> {
  const lead = await seedUser();
  const c = await seedCase(lead);
  return { userId: lead.id, caseId: c.id };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

async function runsOf(caseId: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ingest_runs WHERE case_id = $1`, [caseId]);
  return rows[0]!.n;
}

async function eventCounts(caseId: string): Promise<{ n: number; distinct: number; stored: number }> {
  const { rows } = await getPool().query<{ n: number; distinct: number; stored: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct, (SELECT event_count FROM cases WHERE id = $1) AS stored FROM events WHERE case_id = $1`,
    [caseId],
  );
  return rows[0]!;
}

/** Every evidence file row of the case reads back byte for byte from the (tmpfs) data directory. */
async function unreadableEvidence(caseId: string): Promise<string[]> {
  return (await evidenceReadFailures(tmpfs!.dir, { caseId })).failures;
}

const upload = (args: string[]) => runUploadProcess(args, { databaseUrl: isolated!.url, dataDir: tmpfs!.dir });
const finished = (runId: string) => pollRun(runId, isTerminalRun, { timeoutMs: FINISH_TIMEOUT_MS, intervalMs: 100, describe: () => worker?.output() ?? "" });

describe("disk full during upload and ingest", () => {
  beforeAll(async () => {
    const mounted = await mountSmallTmpfs(TMPFS_BYTES);
    if ("skipped" in mounted) {
      skipReason = mounted.skipped;
      console.warn(`disk-full tests skipped: ${skipReason}`);
      return;
    }
    tmpfs = mounted;
    isolated = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_diskfull");
    await closeDb();
    setDatabaseUrl(isolated.url);
    await prepareDatabase(isolated.url);
    evidence = await buildCrashEvidence({ files: 400, recordsPerFile: 250, duplicatesPerFile: 13, label: LABEL });
    evidenceBytes = (await Promise.all((await filesUnder(evidence.dir)).map((f) => stat(path.join(evidence.dir, f))))).reduce((sum, s) => sum + s.size, 0);
    // Two delivery files of distinct events for the uploads.
    const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-diskfull-uploads-"));
    const records = buildSyntheticTrail(2 * UPLOAD_RECORDS);
    const a = path.join(dir, "111122223333_CloudTrail_us-east-1_20230710T0800Z_a.json.gz");
    const b = path.join(dir, "111122223333_CloudTrail_us-east-1_20230710T0805Z_b.json.gz");
    await writeFile(a, gzipSync(JSON.stringify({ Records: records.slice(0, UPLOAD_RECORDS) })));
    await writeFile(b, gzipSync(JSON.stringify({ Records: records.slice(UPLOAD_RECORDS) })));
    uploads = { dir, a, b };
    worker = WorkerProcess.start({ databaseUrl: isolated.url, dataDir: tmpfs.dir });
  }, 180_000);

  afterAll(async () => {
    await killAllWorkers();
    if (isolated) {
      await closeDb();
      setDatabaseUrl(inject("databaseUrl"));
      await isolated.drop().catch(() => undefined);
    }
    await tmpfs?.unmount();
    if (evidence) await rm(evidence.dir, { recursive: true, force: true });
    if (uploads) await rm(uploads.dir, { recursive: true, force: true });
  });

  it("A: an upload to a full disk is refused with HTTP 507 and a clear message, keeps nothing and queues nothing; after freeing space the retry ingests exactly", { timeout: 240_000 }, async (ctx) => {
    if (!tmpfs) return ctx.skip(skipReason);
    const { userId, caseId } = await newCase();
    const session = randomUUID();
    const rel = `trail/${path.basename(uploads!.b)}`;
    await tmpfs.fill(0);
    expect(await tmpfs.freeBytes()).toBe(0);

    expect(await upload(["file", userId, caseId, "delivery.json.gz", uploads!.a])).toEqual({
      ok: false,
      code: "STORAGE_FULL",
      status: 507,
      message: "The server's disk is full (no space left in its data directory): delivery.json.gz was not stored. Free space, then upload it again.",
    });
    expect(await upload(["session-file", userId, caseId, session, rel, uploads!.b])).toEqual({
      ok: false,
      code: "STORAGE_FULL",
      status: 507,
      message: `The server's disk is full (no space left in its data directory): ${rel} was not stored. Free space, then upload it again.`,
    });
    // Nothing partial is kept: no temporary file in the evidence store or the session, no run queued.
    expect((await filesUnder(tmpfs.dir)).filter((f) => f !== "filler")).toEqual([]);
    expect(await runsOf(caseId)).toBe(0);

    await tmpfs.unfill();
    const single = await upload(["file", userId, caseId, "delivery.json.gz", uploads!.a]);
    expect(single.ok, JSON.stringify(single)).toBe(true);
    expect(await upload(["session-file", userId, caseId, session, rel, uploads!.b])).toMatchObject({ ok: true });
    const completed = await upload(["complete", userId, caseId, session, "trail"]);
    expect(completed).toMatchObject({ ok: true, value: { files: 1 } });
    const runIds = [(single as { value: { ingestRunId: string } }).value.ingestRunId, (completed as { value: { ingestRunId: string } }).value.ingestRunId];
    for (const runId of runIds) {
      const row = await finished(runId);
      expect([row.state, row.files_done, row.records, row.inserted, row.duplicates, row.rejected_files], row.message ?? "").toEqual(["succeeded", 1, UPLOAD_RECORDS, UPLOAD_RECORDS, 0, 0]);
    }
    expect(await eventCounts(caseId)).toEqual({ n: 2 * UPLOAD_RECORDS, distinct: 2 * UPLOAD_RECORDS, stored: 2 * UPLOAD_RECORDS });
    expect(await unreadableEvidence(caseId)).toEqual([]);
  });

  it("B: an ingest that fills the disk fails naming ENOSPC and keeps exactly its committed files; after freeing space a new run completes the case exactly", { timeout: 300_000 }, async (ctx) => {
    if (!tmpfs) return ctx.skip(skipReason);
    const { userId, caseId } = await newCase();
    const scope = await resolveCaseScope(userId, caseId, "evidence:write");
    const total = evidence.leafCount;
    const c = evidence.expected.counters;
    // Room for about a third of the evidence packs: the first batches commit, a later one cannot be stored.
    await tmpfs.fill(Math.floor(evidenceBytes * 0.35));
    const first = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: LABEL, sourcePath: evidence.dir });
    const failed = await finished(first.ingestRunId);
    expect(failed.state, failed.message ?? "").toBe("failed");
    expect(failed.message).toMatch(
      /^Ingest failed: the data directory's disk is full \(ENOSPC: no space left on device, write\)\. Free space, then ingest the evidence again: the files committed so far are kept, and their events are not stored twice\.$/,
    );
    expect(failed.attempts, "pg-boss retried it (retryLimit 3) before giving up").toBe(4);
    expect(failed.files_done, "the batches before the disk filled up are committed").toBeGreaterThan(0);
    expect(failed.files_done).toBeLessThan(total);
    // Whole files only: the run's counters are its committed files', the events exactly theirs.
    expect(await consistencyProblems(caseId, first.ingestRunId)).toEqual([]);
    expect((await eventCounts(caseId)).n).toBe(failed.inserted);
    expect(await unreadableEvidence(caseId)).toEqual([]);

    await tmpfs.unfill();
    const second = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: LABEL, sourcePath: evidence.dir });
    const done = await finished(second.ingestRunId);
    expect(done.state, done.message ?? "").toBe("succeeded");
    expect({ files: done.files_done, records: done.records, inserted: done.inserted, duplicates: done.duplicates, rejected: done.rejected_files }).toEqual({
      files: total,
      records: c.records,
      inserted: c.inserted - failed.inserted,
      duplicates: c.duplicates + failed.inserted,
      rejected: c.rejectedFiles,
    });
    expect(await eventCounts(caseId)).toEqual({ n: c.inserted, distinct: c.inserted, stored: c.inserted });
    // Each eventID is kept from its first delivery in walk order, as by an uninterrupted run.
    const kept = await keptDeliveries(caseId);
    const wrong = [...evidence.expected.kept].filter(([id, at]) => {
      const got = kept.get(id);
      return !got || got.path !== at.path || got.position !== at.position;
    });
    expect(wrong.slice(0, 5), `${wrong.length} eventIDs not kept from their first delivery`).toEqual([]);
    expect(await consistencyProblems(caseId, second.ingestRunId)).toEqual([
      // The case's events come from both runs: the second run's own rows are only those it inserted.
      `run_inserted=${c.inserted - failed.inserted} but event_rows=${c.inserted}`,
    ]);
    expect(await unreadableEvidence(caseId)).toEqual([]);
    expect((await readRun(first.ingestRunId)).state, "the failed run stays failed").toBe("failed");
  });
});
