// The ingest job handler. The main thread walks the run's evidence in order and hands each file to the
// parse worker threads (parse-evidence-task.ts: read, hash, parse, normalise, COPY text); finished files
// have their verbatim bytes appended to an evidence pack, are batched in walk order, and are committed
// by commit-batch.ts on one connection while the threads parse the next batch. Idempotent and resumable: an advisory lock keeps two workers off one
// run, and files committed by an earlier attempt are skipped.
import { finished } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env.js";
import { db, getPool } from "@/lib/db/client";
import { BASELINES_JOB } from "@/lib/baselines/baselines-job";
import { ROLLUPS_JOB } from "@/lib/rollups/rollups-job";
import { queueFollowUpJob } from "@/lib/jobs/queue";
import { commitBatch } from "@/lib/ingest/commit-batch";
import { pauseIngestRun } from "@/lib/ingest/pause-ingest-run";
import { EvidencePackWriter } from "@/lib/evidence/evidence-pack-writer";
import { tooLargeReason, type ParsedFile } from "@/lib/ingest/parse-evidence-task";
import { createParsePool } from "@/lib/ingest/parse-pool";
import type { JobContext } from "@/lib/jobs/job-definition";
import { createLogger, type Logger } from "@/lib/log";
import { isExpectedError } from "@/lib/errors";
import { isDiskFullError } from "@/lib/evidence/is-disk-full-error";
import { openEvidenceSource } from "@/lib/sources/open-evidence-source";
import { walkEvidence, type EvidenceItem } from "@/lib/evidence/walk-evidence";
import { recordAudit } from "@/lib/audit/record-audit";

// Rows per commit. The next batch collects while one commits, so two batches' COPY text is in memory:
// 10,000 rows (~15–20 MB each) keep the peak low at no cost in speed (25,000 measured the same).
const BATCH_MAX_ROWS = 10_000;
const BATCH_MAX_FILES = 2_000;
// Files handed to the threads ahead of the commit: enough to keep them busy while a batch commits.
const MAX_IN_FLIGHT = 128;
const HEARTBEAT_MS = 10_000;

// One evidence file is parsed as one JSON document; V8 caps a string near 512 MiB, and real delivery
// files are a few MB. A larger file is refused by name, before it is read into memory.
export const MAX_PARSED_FILE_BYTES = 256 * 1024 * 1024;

export type IngestOutcome = "done" | "busy" | "skipped" | "paused";
type Slot = ParsedFile | { failed: unknown };

async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limit) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new Error(tooLargeReason(size, limit));
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** cyrb53: a fast, well-distributed 53-bit string hash. */
function pathHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function rejectedFile(path: string, reason: string, size = 0): ParsedFile {
  return {
    id: randomUUID(), path, sha256: null, size, kind: "rejected", format: null, records: 0, rejected: 0,
    problem: reason, rowCount: 0, copy: null, raw: null, pack: null, packOffset: null,
  };
}

export async function runIngestJob(payload: { ingestRunId: string }, context: JobContext): Promise<void> {
  await runIngest(payload.ingestRunId, { isLastAttempt: context.isLastAttempt, signal: context.signal });
}

export async function runIngest(
  runId: string,
  opts: {
    isLastAttempt?: boolean;
    maxParsedFileBytes?: number;
    threads?: number;
    withoutContext?: boolean;
    /** Aborted when the worker is stopping: the run commits what it has parsed, then pauses (pause-ingest-run.ts). */
    signal?: AbortSignal;
  } = {},
): Promise<IngestOutcome> {
  const maxBytes = opts.maxParsedFileBytes ?? MAX_PARSED_FILE_BYTES;
  const log = createLogger({ job: "ingest", ingestRunId: runId });
  const client = await getPool().connect();
  let heartbeat: NodeJS.Timeout | undefined;
  let pool: ReturnType<typeof createParsePool> | undefined;
  let packs: EvidencePackWriter | undefined;
  // The batch commit in flight on `client` (it never rejects: its error is kept in commitError).
  let committing: Promise<void> = Promise.resolve();
  try {
    // Session-level lock on this connection: released when the connection ends, even on a crash.
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [runId]);
    if (!rows[0]?.locked) return "busy";
    // Conditional: a run cancelled (or finished) since it was queued is never restarted.
    const started = await db.ingestRun.updateMany({
      where: { id: runId, state: { in: ["queued", "running"] } },
      data: { state: "running", attempts: { increment: 1 }, heartbeatAt: new Date(), message: null },
    });
    if (started.count === 0) return "skipped";
    const run = await db.ingestRun.findFirstOrThrow({ where: { id: runId } });
    if (!run.startedAt) await db.ingestRun.updateMany({ where: { id: runId, caseId: run.caseId }, data: { startedAt: new Date() } });
    heartbeat = setInterval(() => {
      db.ingestRun.updateMany({ where: { id: runId, caseId: run.caseId }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();

    const committedPaths = (await db.evidenceFile.findMany({ where: { caseId: run.caseId, ingestRunId: runId }, select: { path: true } })).map((f) => f.path);
    // A LookupEvents page number does not name the same events twice (late deliveries shift pages), so an
    // interrupted API run reads every page again (duplicates are dropped by eventID); file sources skip
    // exactly the files already committed.
    const rereadAll = run.sourceKind === "lookup-events";
    const committed = new Set(rereadAll ? [] : committedPaths);
    // Display paths must be unique within a run (an archive can hold two members of the same name).
    // Kept as 53-bit hashes, not strings: memory stays flat on a trail of millions of files. A hash
    // collision only adds a " (2)" to a display path, the same way on every attempt.
    const seen = new Set<number>((rereadAll ? committedPaths : []).map(pathHash));
    const uniquePath = (p: string) => {
      let candidate = p;
      for (let n = 2; seen.has(pathHash(candidate)); n++) candidate = `${p} (${n})`;
      seen.add(pathHash(candidate));
      return candidate;
    };
    pool = createParsePool(opts.threads);
    const parsePool = pool;
    const inFlight: Promise<Slot>[] = [];
    let batch: ParsedFile[] = [];
    let batchRows = 0;
    let commitError: unknown = null;
    let cancelled = false;
    // Set when the walk stopped early because the worker is shutting down (opts.signal).
    let interrupted = false;
    const stopRequested = () => {
      if (opts.signal?.aborted) interrupted = true;
      return interrupted;
    };
    let commitMs = 0;
    let tryDirect = true;
    const base = { caseId: run.caseId, maxBytes, ...(opts.withoutContext ? { withoutContext: true } : {}) };
    packs = new EvidencePackWriter(env.TRAILBENCH_DATA_DIR);
    const packWriter = packs;

    // Commits run one at a time, in walk order, overlapping with the parsing of the next batch.
    const startCommit = async () => {
      const files = batch;
      batch = [];
      batchRows = 0;
      await committing;
      if (commitError) throw commitError;
      const t0 = performance.now();
      // The packs holding these files' bytes are durable before the rows that point at them commit.
      committing = packWriter
        .sync()
        .then(() => commitBatch(client, { id: runId, caseId: run.caseId }, files, { tryDirect }))
        .then(
        (r) => {
          commitMs += performance.now() - t0;
          // Once duplicates show up, they usually keep coming (duplicate deliveries, a re-ingest).
          if (!r.direct) tryDirect = false;
          void (r.cancelRequested && (cancelled = true));
        },
        (err: unknown) => void (commitError = err),
      );
    };
    const takeOne = async () => {
      parsePool.flush(); // never wait on a file that was not sent yet
      const slot = await inFlight.shift()!;
      if ("failed" in slot) throw slot.failed;
      // An archive: walked after the main walk, in the order its slot was submitted (not the order the
      // threads finished), so a resumed run walks and names its members exactly as the first attempt.
      const diskPath = inFlightDiskPaths.get(slot.path);
      inFlightDiskPaths.delete(slot.path); // only files in flight are kept: memory stays flat on huge trees
      if (slot.container) {
        if (diskPath) containers.push({ path: slot.path, diskPath });
        return;
      }
      if (slot.raw) {
        const at = await packWriter.append(slot.raw);
        slot.pack = at.pack;
        slot.packOffset = at.offset;
        slot.raw = null;
      }
      batch.push(slot);
      batchRows += slot.rowCount;
      if (batchRows >= BATCH_MAX_ROWS || batch.length >= BATCH_MAX_FILES) await startCommit();
    };
    const submit = (slot: Promise<ParsedFile>) => inFlight.push(slot.catch((failed: unknown) => ({ failed })));

    // Disk files are handed to the threads unread; those that turn out to be archives come back as
    // containers and are walked after the main walk, in walk order.
    const containers: { path: string; diskPath: string }[] = [];
    const inFlightDiskPaths = new Map<string, string>();
    const handle = async (item: EvidenceItem) => {
      const path = uniquePath(item.path);
      if (committed.has(path)) {
        // Committed by an earlier attempt. An archive member must still be consumed: the walk is sequential.
        if (item.kind === "file" && !item.diskPath) {
          const stream = item.open() as NodeJS.ReadableStream & Parameters<typeof finished>[0];
          stream.resume();
          await finished(stream).catch(() => undefined);
        }
        return;
      }
      if (item.kind === "file" && item.digestSignature) {
        // A digest's signature from its S3 metadata: kept for the digest validation (a handful per hour of trail).
        await db.$executeRaw`INSERT INTO evidence_signatures (case_id, path, signature, algorithm)
          VALUES (${run.caseId}::uuid, ${path}, ${item.digestSignature.hex}, ${item.digestSignature.algorithm})
          ON CONFLICT (case_id, path) DO UPDATE SET signature = EXCLUDED.signature, algorithm = EXCLUDED.algorithm`;
      }
      if (item.kind === "error") {
        submit(Promise.resolve(rejectedFile(path, item.reason)));
      } else if (item.diskPath) {
        inFlightDiskPaths.set(path, item.diskPath);
        submit(parsePool.run({ ...base, path, diskPath: item.diskPath, detectContainer: true }));
      } else if (item.storedBytes !== null && item.storedBytes > maxBytes) {
        (item.open() as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        submit(Promise.resolve(rejectedFile(path, tooLargeReason(item.storedBytes, maxBytes), item.storedBytes)));
      } else {
        try {
          const bytes = await readAll(item.open(), maxBytes);
          submit(parsePool.run({ ...base, path, bytes }));
        } catch (err) {
          submit(Promise.resolve(rejectedFile(path, (err as Error).message)));
        }
      }
      while (inFlight.length >= MAX_IN_FLIGHT) await takeOne();
    };

    let sourceError: unknown = null;
    try {
      for await (const item of openEvidenceSource(run, { deferDiskSniffUpTo: maxBytes })) {
        if (cancelled || commitError || stopRequested()) break;
        await handle(item);
      }
      while (inFlight.length > 0 && !commitError) await takeOne();
      for (let i = 0; i < containers.length && !cancelled && !commitError && !stopRequested(); i++) {
        const container = containers[i]!;
        for await (const item of walkEvidence(container.diskPath, { displayName: container.path })) {
          if (cancelled || commitError || stopRequested()) break;
          await handle(item);
        }
        while (inFlight.length > 0 && !commitError) await takeOne();
      }
    } catch (err) {
      // The source failed part-way (e.g. S3 access denied on a later prefix): keep what was read, then fail.
      if (!isExpectedError(err)) throw err;
      sourceError = err;
    }
    while (inFlight.length > 0 && !commitError) await takeOne();
    if (batch.length > 0) await startCommit();
    await committing;
    if (commitError) throw commitError;

    const totals = await db.ingestRun.findFirstOrThrow({ where: { id: runId, caseId: run.caseId }, select: { records: true, filesDone: true, inserted: true } });
    if (interrupted && !cancelled && !sourceError) {
      await pauseIngestRun(client, run.caseId, runId);
      log.info("ingest paused for the worker's shutdown", { filesDone: totals.filesDone, records: totals.records });
      return "paused";
    }
    if (cancelled) {
      await finish(runId, "cancelled", "Cancelled: the files committed before the cancellation are kept.");
    } else if (sourceError) {
      // An expected source failure (access denied, bad range) does not improve on retry: fail now.
      await finish(runId, "failed", (sourceError as Error).message);
    } else if (totals.records === 0) {
      await finish(runId, "failed", totals.filesDone === 0 ? "The evidence is empty: no files found." : "No CloudTrail records found in the evidence: see the problems listed.");
    } else {
      await finish(runId, "succeeded", null);
    }
    // Events kept (a cancelled or part-failed run keeps what it committed): recompute the derived data.
    if (totals.inserted > 0) await queueDerivedJobs(run.caseId, log);
    log.info("ingest finished", { records: totals.records, commitSeconds: Math.round(commitMs / 1000) });
    return "done";
  } catch (err) {
    log.error("ingest attempt failed", { err });
    // A failure while a batch commits (the disk filling up as the next files are packed): that commit
    // ends first, before the run's state is written and before its connection goes back to the pool.
    await committing;
    const reason = isDiskFullError(err)
      ? `the data directory's disk is full (${(err as Error).message}). Free space, then ingest the evidence again: ` +
        "the files committed so far are kept, and their events are not stored twice."
      : (err as Error).message;
    const [failed] = await db.ingestRun
      .updateManyAndReturn({
        where: { id: runId },
        data: opts.isLastAttempt === false
          ? { state: "queued", message: `Interrupted (${reason}); retrying.` }
          : { state: "failed", finishedAt: new Date(), message: `Ingest failed: ${reason}` },
        select: FINISH_COUNTS,
      })
      .catch(() => []);
    if (failed && opts.isLastAttempt !== false) await recordIngestFinish(runId, "failed", failed).catch(() => undefined);
    throw err;
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await pool?.close().catch(() => undefined);
    await packs?.close().catch(() => undefined);
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    client.release();
  }
}

/**
 * Derived data (baselines, rollups), recomputed by jobs of their own so the ingest's throughput does not
 * pay for them; a failure to queue is logged and never fails the ingest (the next ingest recomputes).
 */
async function queueDerivedJobs(caseId: string, log: Logger): Promise<void> {
  await Promise.all([queueFollowUpJob(BASELINES_JOB, { caseId }, caseId, log), queueFollowUpJob(ROLLUPS_JOB, { caseId }, caseId, log)]);
}

async function finish(runId: string, state: "succeeded" | "failed" | "cancelled", message: string | null) {
  const [run] = await db.ingestRun.updateManyAndReturn({ where: { id: runId }, data: { state, message, finishedAt: new Date(), heartbeatAt: new Date() }, select: FINISH_COUNTS });
  if (run) await recordIngestFinish(runId, state, run);
}

const FINISH_COUNTS = { caseId: true, filesDone: true, records: true, inserted: true, duplicates: true, rejectedFiles: true, rejectedRecords: true } as const;

/** Audit: ingest.finish by the worker, with the run's final state and counts (issue #8). */
async function recordIngestFinish(runId: string, state: "succeeded" | "failed" | "cancelled", run: { caseId: string } & Record<string, unknown>) {
  const { caseId, ...counts } = run;
  await recordAudit({ action: "ingest.finish", actorId: null, actorLabel: "worker", caseId, targetType: "ingest-run", targetId: runId, detail: { state, ...counts } });
}
