// Issue #9, faults: the web server killed mid-upload, and a browser whose connection drops mid-body.
// The browser's uploads are restartable per file (components/ingest/upload-evidence.tsx sends a file again
// after a lost connection): the retry must end with exactly the rows of an uninterrupted upload, no
// partial file may be ingested, and nothing may be counted twice.
//  - A: the process receiving a session file (lib/testing/crash/upload-child.ts, running what the upload
//    route runs) is killed with SIGKILL half-way through the body, which leaves its partial file behind;
//    the browser sends the file again and completes the session.
//  - B: the connection drops mid-body (the request body stream fails, as Node's "aborted" does): the
//    server refuses the file and keeps nothing of it, for a session file and a single-file upload.
//  - C: the response of a completed single-file upload is lost and the browser sends the file again:
//    a second run over the same bytes, which inserts nothing.
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { acceptUpload } from "@/lib/ingest/accept-upload";
import { runIngest } from "@/lib/ingest/run-ingest";
import { acceptSessionFile, completeUploadSession } from "@/lib/ingest/upload-session";
import { buildCrashEvidence, type CrashEvidence } from "@/lib/testing/crash/crash-evidence";
import { consistencyProblems, expectedRunColumns, readRun, runOutcome } from "@/lib/testing/crash/run-outcome";
import { startUploadProcess } from "@/lib/testing/crash/upload-process";
import { seedCase, seedUser } from "@/lib/testing/factories";

const LABEL = "trail";

let evidence: CrashEvidence;
/** Every leaf of the evidence as the browser sends it: "<label>/<path inside the folder>" and its bytes. */
let leaves: { rel: string; bytes: Buffer }[];

async function newCase(): Promise<{ scope: CaseScope; userId: string }> {
  const lead = await seedUser();
  const c = await seedCase(lead);
  return { scope: await resolveCaseScope(lead.id, c.id, "evidence:write"), userId: lead.id };
}

function body(bytes: Buffer): ReadableStream<Uint8Array> {
  return new Response(new Uint8Array(bytes)).body!;
}

/** A request body whose connection drops after `at` bytes (Node destroys the request with ECONNRESET "aborted"). */
function droppedBody(bytes: Buffer, at: number): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      sent = true;
      controller.enqueue(new Uint8Array(bytes.subarray(0, at)));
    },
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

function sessionDir(caseId: string, session: string): string {
  return path.join(env.TRAILBENCH_DATA_DIR, "uploads", caseId, session);
}

/** The run's outcome must be exactly the evidence builder's: every file once, every eventID once. */
async function expectExactRun(caseId: string, runId: string): Promise<void> {
  const outcome = await runOutcome(caseId, runId);
  const c = evidence.expected.counters;
  expect(outcome.counters).toEqual({ state: "succeeded", ...expectedRunColumns(c) });
  expect(outcome.files).toEqual([...evidence.expected.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  expect(outcome.problems.map((p) => p.slice(0, p.indexOf(": ")))).toEqual([...evidence.corruptPaths].sort());
  expect(outcome.eventRows).toBe(c.inserted);
  expect(outcome.caseEventCount).toBe(c.inserted);
  expect(await consistencyProblems(caseId, runId)).toEqual([]);
}

describe("uploads cut off mid-body, then sent again", () => {
  beforeAll(async () => {
    evidence = await buildCrashEvidence({ files: 6, recordsPerFile: 40, duplicatesPerFile: 3, label: LABEL });
    const rels = await filesUnder(evidence.dir);
    leaves = await Promise.all(rels.map(async (rel) => ({ rel: `${LABEL}/${rel}`, bytes: await readFile(path.join(evidence.dir, rel)) })));
    expect(leaves).toHaveLength(evidence.leafCount);
  });

  afterAll(async () => {
    if (evidence) await rm(evidence.dir, { recursive: true, force: true });
  });

  it("A: the server process killed half-way through a session file leaves a partial file; the retry ingests exactly, never the partial file", async () => {
    const { scope, userId } = await newCase();
    const session = randomUUID();
    const victim = leaves.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
    const half = Math.floor(victim.bytes.length / 2);

    // The "web server": receives half the body, then dies with SIGKILL (no cleanup runs).
    const server = startUploadProcess(["stdin-session", userId, scope.caseId, session, victim.rel], { databaseUrl: inject("databaseUrl"), dataDir: env.TRAILBENCH_DATA_DIR });
    try {
      await server.receiving();
      server.child.stdin!.write(victim.bytes.subarray(0, half));
      const dir = sessionDir(scope.caseId, session);
      const deadline = performance.now() + 30_000;
      for (;;) {
        const partial = (await filesUnder(dir)).find((f) => f.endsWith(".part"));
        if (partial && (await stat(path.join(dir, partial))).size === half) break;
        if (performance.now() > deadline) throw new Error(`the partial file never reached ${half} bytes:\n${server.output()}`);
        await sleep(20);
      }
      expect(await server.kill9()).toBe("SIGKILL");
      expect(server.output()).not.toContain("ok ");
    } finally {
      await server.kill9();
    }
    // What the killed process left: its half-written file, under a temporary name, and nothing else.
    const dir = sessionDir(scope.caseId, session);
    const left = await filesUnder(dir);
    expect(left).toHaveLength(1);
    expect(left[0]!.startsWith(`${victim.rel}.`) && left[0]!.endsWith(".part")).toBe(true);
    expect((await stat(path.join(dir, left[0]!))).size).toBe(half);

    // The browser sends that file again, and the rest of the folder, then completes the session.
    for (const leaf of leaves) expect(await acceptSessionFile(scope, session, leaf.rel, body(leaf.bytes))).toEqual({ path: leaf.rel, size: leaf.bytes.length });
    const { ingestRunId, files } = await completeUploadSession(scope, session, LABEL);
    expect(files).toBe(evidence.leafCount);
    expect(await runIngest(ingestRunId)).toBe("done");
    await expectExactRun(scope.caseId, ingestRunId);
    const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM evidence_files WHERE case_id = $1 AND path LIKE '%.part'`, [scope.caseId]);
    expect(rows[0]!.n, "no partial upload was ingested").toBe(0);
  });

  it("B: a connection dropped mid-body is refused with a clear error and leaves nothing behind; the retry ingests exactly", async () => {
    const { scope } = await newCase();
    const session = randomUUID();
    const victim = leaves[0]!;
    const dropped = await acceptSessionFile(scope, session, victim.rel, droppedBody(victim.bytes, Math.floor(victim.bytes.length / 2))).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(AppError);
    expect((dropped as AppError).code).toBe("INVALID_INPUT");
    expect((dropped as AppError).message).toBe(`The upload of ${victim.rel} was interrupted: aborted`);
    expect(await filesUnder(sessionDir(scope.caseId, session)), "no partial or temporary file is kept").toEqual([]);

    // The single-file upload: nothing stored in the evidence store, no run queued.
    const tmpBefore = await filesUnder(path.join(env.TRAILBENCH_DATA_DIR, "evidence", "tmp"));
    const single = leaves.find((l) => evidence.expected.files.some((f) => f.path === l.rel && f.kind === "events"))!;
    const refused = await acceptUpload(scope, "delivery.json.gz", droppedBody(single.bytes, 100)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe("The upload of delivery.json.gz was interrupted: aborted");
    expect(await filesUnder(path.join(env.TRAILBENCH_DATA_DIR, "evidence", "tmp"))).toEqual(tmpBefore);
    const { rows: runs } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ingest_runs WHERE case_id = $1`, [scope.caseId]);
    expect(runs[0]!.n, "an interrupted upload queues no run").toBe(0);

    for (const leaf of leaves) await acceptSessionFile(scope, session, leaf.rel, body(leaf.bytes));
    const { ingestRunId } = await completeUploadSession(scope, session, LABEL);
    expect(await runIngest(ingestRunId)).toBe("done");
    await expectExactRun(scope.caseId, ingestRunId);
  });

  it("C: a single-file upload sent twice (its response lost) ingests the same bytes twice and inserts nothing the second time", async () => {
    const { scope } = await newCase();
    const single = leaves.find((l) => evidence.expected.files.some((f) => f.path === l.rel && f.kind === "events"))!;
    const expected = evidence.expected.files.find((f) => f.path === single.rel)!;
    const first = await acceptUpload(scope, "delivery.json.gz", body(single.bytes));
    const second = await acceptUpload(scope, "delivery.json.gz", body(single.bytes));
    expect(second.sha256).toBe(first.sha256);
    expect(second.ingestRunId).not.toBe(first.ingestRunId);
    expect(await runIngest(first.ingestRunId)).toBe("done");
    expect(await runIngest(second.ingestRunId)).toBe("done");
    const [a, b] = [await readRun(first.ingestRunId), await readRun(second.ingestRunId)];
    // The file's own duplicates are of eventIDs delivered in other files of the trail: within this one file, every record is new.
    expect([a.state, a.records, a.inserted, a.duplicates]).toEqual(["succeeded", expected.records, expected.records, 0]);
    expect([b.state, b.records, b.inserted, b.duplicates]).toEqual(["succeeded", expected.records, 0, expected.records]);
    const { rows } = await getPool().query<{ n: number; distinct: number; stored: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct, (SELECT event_count FROM cases WHERE id = $1) AS stored FROM events WHERE case_id = $1`,
      [scope.caseId],
    );
    expect(rows[0]).toEqual({ n: expected.records, distinct: expected.records, stored: expected.records });
  });
});
