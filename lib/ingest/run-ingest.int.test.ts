import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { makeZip } from "@/lib/evidence/__test-helpers__/make-archives";
import { tooLargeReason } from "@/lib/ingest/parse-evidence-task";
import { describe, expect, it } from "vitest";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { db, getPool } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";
import { countEvents } from "@/lib/events/count-events";
import { findEvents } from "@/lib/events/find-events";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { seedCase, seedUser } from "@/lib/testing/factories";

const SMALL_TRAIL = path.resolve(import.meta.dirname, "../../e2e/data/small-trail.json");

async function setup() {
  const lead = await seedUser();
  const c = await seedCase(lead);
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-ingest-"));
  return { scope, dir };
}

async function ingestFolder(scope: Awaited<ReturnType<typeof setup>>["scope"], dir: string) {
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "evidence", sourcePath: dir });
  expect(await runIngest(ingestRunId)).toBe("done");
  return db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } });
}

describe("runIngest", () => {
  it("ingests a folder of mixed evidence exactly once, reporting each bad file by name and reason", async () => {
    const { scope, dir } = await setup();
    const trail = await readFile(SMALL_TRAIL);
    await mkdir(path.join(dir, "AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10"), { recursive: true });
    await writeFile(path.join(dir, "AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json.gz"), gzipSync(trail));
    // The same delivery file again under another name: every record is a duplicate.
    await writeFile(path.join(dir, "copy.json"), trail);
    await writeFile(path.join(dir, "notes.json"), JSON.stringify({ owner: "it" }));
    await writeFile(path.join(dir, "broken.json.gz"), gzipSync(trail).subarray(0, 200));
    await writeFile(path.join(dir, "lines.jsonl"), '{"eventID":"l1","eventName":"ListRoles","eventTime":"2023-07-10T12:00:00Z"}\n{not json\n');

    const run = await ingestFolder(scope, dir);
    expect(run.state).toBe("succeeded");
    expect({
      files: run.filesDone,
      records: run.records,
      inserted: run.inserted,
      duplicates: run.duplicates,
      rejectedFiles: run.rejectedFiles,
      rejectedRecords: run.rejectedRecords,
    }).toEqual({ files: 5, records: 13 + 13 + 2, inserted: 13, duplicates: 1 + 13, rejectedFiles: 2, rejectedRecords: 1 });
    const problems = (run.problems as { file: string; reason: string }[]).map((p) => `${p.file}: ${p.reason.slice(0, 40)}`).sort();
    expect(problems).toEqual([
      "evidence/broken.json.gz: corrupt gzip: unexpected end of file",
      expect.stringMatching(/^evidence\/lines\.jsonl: 1 of 2 records rejected \(line 2/),
      expect.stringMatching(/^evidence\/notes\.json: /),
    ]);
    expect(await countEvents(scope)).toEqual({ total: 13, exact: true, undated: 0 });

    // Every evidence file is kept verbatim in the content-addressed store.
    const files = await db.evidenceFile.findMany({ where: { ingestRunId: run.id }, orderBy: { path: "asc" } });
    expect(files.map((f) => [f.path, f.kind, f.records, f.inserted, f.duplicates, f.rejected])).toEqual([
      ["evidence/AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json.gz", "events", 13, 12, 1, 0],
      ["evidence/broken.json.gz", "rejected", 0, 0, 0, 0],
      ["evidence/copy.json", "events", 13, 0, 13, 0],
      ["evidence/lines.jsonl", "events", 2, 1, 0, 1],
      ["evidence/notes.json", "rejected", 0, 0, 0, 0],
    ]);
    // Rejected files count too: the case's file counter (what the dashboard shows) is every row above.
    expect((await db.case.findUniqueOrThrow({ where: { id: scope.caseId } })).evidenceFileCount).toBe(5);
    const copy = files.find((f) => f.path === "evidence/copy.json")!;
    const location = { sha256: copy.sha256, size: Number(copy.size), pack: copy.pack, packOffset: copy.packOffset === null ? null : Number(copy.packOffset) };
    expect(await readEvidenceFile(env.TRAILBENCH_DATA_DIR, location)).toEqual(trail);
    // Every kept file reads back byte for byte, checked against its sha256.
    for (const f of files.filter((x) => x.sha256)) {
      await readEvidenceFile(env.TRAILBENCH_DATA_DIR, { sha256: f.sha256, size: Number(f.size), pack: f.pack, packOffset: Number(f.packOffset) });
    }
    await expect(readEvidenceFile(env.TRAILBENCH_DATA_DIR, { ...location, sha256: "0".repeat(64) })).rejects.toThrow("evidence integrity failure");

    // Provenance: the event points at its file and position.
    const assume = await db.event.findUniqueOrThrow({
      where: { caseId_eventId: { caseId: scope.caseId, eventId: "e2e00000-0000-4000-8000-000000000004" } },
    });
    expect([assume.eventName, assume.position, assume.issuedAccessKeyId, assume.accessKeyId]).toEqual([
      "AssumeRole",
      3,
      "ASIAE2EDEPLOY000001",
      "AKIAE2EALICE0000001",
    ]);
    expect(files.find((f) => f.id === assume.evidenceFileId)?.path).toBe("evidence/AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json.gz");
  });

  it("walks an archive larger than one parsable document instead of rejecting it as too large", async () => {
    const { scope, dir } = await setup();
    const trail = await readFile(SMALL_TRAIL);
    // Stored, not deflated: the zip is bigger than the parse limit below, each member is not.
    const zip = makeZip([{ name: "logs/a.json", data: trail, method: "store" }, { name: "logs/pad.txt", data: "x".repeat(trail.length), method: "store" }]);
    await writeFile(path.join(dir, "big.zip"), zip);
    const limit = trail.length + 100;
    await writeFile(path.join(dir, "too-big.json"), Buffer.alloc(limit + 1, 0x20));
    expect(zip.length).toBeGreaterThan(limit);
    const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "evidence", sourcePath: dir });
    expect(await runIngest(ingestRunId, { maxParsedFileBytes: limit })).toBe("done");
    const run = await db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } });
    expect([run.state, run.inserted, run.duplicates]).toEqual(["succeeded", 12, 1]);
    // The zip's members are read one by one (its padding member is reported); a plain file over the
    // limit is still refused, by name and reason.
    const problems = [...(run.problems as { file: string; reason: string }[])].sort((a, b) => a.file.localeCompare(b.file));
    expect(problems).toEqual([
      { file: "evidence/big.zip/logs/pad.txt", reason: `not JSON: Unexpected token 'x', "xxxxxxxxxx"... is not valid JSON` },
      { file: "evidence/too-big.json", reason: tooLargeReason(limit + 1, limit) },
    ]);
  });

  it("adds nothing when the same evidence is ingested again, and says so", async () => {
    const { scope, dir } = await setup();
    await writeFile(path.join(dir, "a.json.gz"), gzipSync(await readFile(SMALL_TRAIL)));
    const first = await ingestFolder(scope, dir);
    const second = await ingestFolder(scope, dir);
    expect([first.inserted, first.duplicates]).toEqual([12, 1]);
    expect([second.state, second.records, second.inserted, second.duplicates]).toEqual(["succeeded", 13, 0, 13]);
    expect((await countEvents(scope)).total).toBe(12);
    // The case's counters, kept by each batch: two runs of one file each (the second all duplicates).
    const { rows } = await getPool().query<{ events: number; files: number; counted: number }>(
      `SELECT event_count AS events, evidence_file_count AS files, (SELECT count(*)::int FROM evidence_files WHERE case_id = $1) AS counted FROM cases WHERE id = $1`,
      [scope.caseId],
    );
    expect(rows[0]).toEqual({ events: 12, files: 2, counted: 2 });
  });

  it("fails a run that holds no CloudTrail at all, with the reason", async () => {
    const { scope, dir } = await setup();
    await writeFile(path.join(dir, "hosts.json"), "[1,2,3]");
    const run = await ingestFolder(scope, dir);
    expect(run.state).toBe("failed");
    expect(run.message).toBe("No CloudTrail records found in the evidence: see the problems listed.");
  });

  it("pages newest first by keyset, both ways, with exact boundaries", async () => {
    const { scope, dir } = await setup();
    await writeFile(path.join(dir, "a.json"), await readFile(SMALL_TRAIL));
    await ingestFolder(scope, dir);
    const p1 = await findEvents(scope, { limit: 5 });
    expect(p1.rows.map((r) => r.eventName)).toEqual(["GetObject", "GetBucketAcl", "ConsoleLogin", "PutBucketPolicy", "DescribeInstances"]);
    expect(p1.newer).toBeNull();
    const p2 = await findEvents(scope, { limit: 5, before: p1.older! });
    expect(p2.rows.map((r) => r.eventName)).toEqual(["StopLogging", "CreateAccessKey", "CreateUser", "AssumeRole", "ListUsers"]);
    const p3 = await findEvents(scope, { limit: 5, before: p2.older! });
    expect(p3.rows.map((r) => r.eventName)).toEqual(["ListBuckets", "GetCallerIdentity"]);
    expect(p3.older).toBeNull();
    const back = await findEvents(scope, { limit: 5, after: p3.newer! });
    expect(back.rows.map((r) => r.eventName)).toEqual(p2.rows.map((r) => r.eventName));
  });

  it("never shows one case's events to another case's scope", async () => {
    const a = await setup();
    const b = await setup();
    await writeFile(path.join(a.dir, "a.json"), await readFile(SMALL_TRAIL));
    await ingestFolder(a.scope, a.dir);
    expect((await countEvents(b.scope)).total).toBe(0);
    expect((await findEvents(b.scope)).rows).toEqual([]);
  });

  it("refuses a file too large to parse by name and reason, before reading it into memory, and keeps the rest", async () => {
    const { scope, dir } = await setup();
    const trail = await readFile(SMALL_TRAIL);
    await writeFile(path.join(dir, "huge.json"), Buffer.alloc(trail.length * 2, 0x20));
    await writeFile(path.join(dir, "small.json"), trail);
    const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "evidence", sourcePath: dir });
    await runIngest(ingestRunId, { maxParsedFileBytes: trail.length + 1 });
    const run = await db.ingestRun.findFirstOrThrow({ where: { id: ingestRunId } });
    expect([run.state, run.inserted, run.rejectedFiles]).toEqual(["succeeded", 12, 1]);
    expect(run.problems).toEqual([
      {
        file: "evidence/huge.json",
        reason: `file too large to parse as one document (more than ${trail.length + 1} bytes, read ${trail.length * 2}); split it, or export it as JSON lines in smaller files`,
      },
    ]);
  });

  it("pages exactly through events that share one eventTime (ties ordered by eventID)", async () => {
    const { scope, dir } = await setup();
    const records = ["g", "c", "e", "a", "f", "b", "d"].map((id) => ({ eventID: `tie-${id}`, eventName: "ListBuckets", eventTime: "2023-07-10T12:00:00Z" }));
    await writeFile(path.join(dir, "ties.json"), JSON.stringify({ Records: records }));
    await ingestFolder(scope, dir);
    const seen: string[] = [];
    let page = await findEvents(scope, { limit: 3 });
    for (;;) {
      seen.push(...page.rows.map((r) => r.eventId));
      if (!page.older) break;
      page = await findEvents(scope, { limit: 3, before: page.older });
    }
    expect(seen).toEqual(["tie-g", "tie-f", "tie-e", "tie-d", "tie-c", "tie-b", "tie-a"]);
    const back = await findEvents(scope, { limit: 3, after: (await findEvents(scope, { limit: 3, before: (await findEvents(scope, { limit: 3 })).older! })).newer! });
    expect(back.rows.map((r) => r.eventId)).toEqual(["tie-g", "tie-f", "tie-e"]);
  });
});
