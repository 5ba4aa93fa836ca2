// The ingest job handler: walk the run's evidence, store every leaf verbatim, parse and normalise it,
// and commit files in batches (commit-batch.ts). Idempotent and resumable: an advisory lock keeps two
// workers off one run, and files committed by an earlier attempt are skipped.
import { randomUUID } from "node:crypto";
import { finished } from "node:stream/promises";
import { env } from "@/lib/env.js";
import { db, getPool } from "@/lib/db/client";
import { storeEvidenceBuffer } from "@/lib/evidence/evidence-store";
import { walkEvidence } from "@/lib/evidence/walk-evidence";
import { commitBatch, type PendingFile } from "@/lib/ingest/commit-batch";
import { processEvidenceFile } from "@/lib/ingest/process-evidence-file";
import { createLogger } from "@/lib/log";
import type { JobContext } from "@/lib/jobs/job-definition";

const BATCH_MAX_ROWS = 20_000;
const BATCH_MAX_FILES = 1_000;
const HEARTBEAT_MS = 10_000;

export type IngestOutcome = "done" | "busy" | "skipped";

// One evidence file is parsed as one JSON document; V8 caps a string near 512 MiB, and real delivery
// files are a few MB. A larger file is refused by name, before it is read into memory.
export const MAX_PARSED_FILE_BYTES = 256 * 1024 * 1024;

class FileTooLargeError extends Error {}

async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limit) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new FileTooLargeError(tooLarge(size, limit));
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number, limit: number): string {
  return `file too large to parse as one document (more than ${limit} bytes, read ${size}); split it, or export it as JSON lines in smaller files`;
}

export async function runIngestJob(payload: { ingestRunId: string }, context: JobContext): Promise<void> {
  await runIngest(payload.ingestRunId, { isLastAttempt: context.isLastAttempt });
}

export async function runIngest(
  runId: string,
  opts: { isLastAttempt?: boolean; maxParsedFileBytes?: number } = {},
): Promise<IngestOutcome> {
  const maxBytes = opts.maxParsedFileBytes ?? MAX_PARSED_FILE_BYTES;
  const log = createLogger({ job: "ingest", ingestRunId: runId });
  const client = await getPool().connect();
  let heartbeat: NodeJS.Timeout | undefined;
  try {
    // Session-level lock on this connection: released when the connection ends, even on a crash.
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [runId]);
    if (!rows[0]?.locked) return "busy";
    const run = await db.ingestRun.findUnique({ where: { id: runId } });
    if (!run || run.state === "succeeded" || run.state === "failed" || run.state === "cancelled") return "skipped";
    if (!run.sourcePath) {
      await finish(runId, "failed", "The run has no evidence to read.");
      return "done";
    }
    await db.ingestRun.update({
      where: { id: runId },
      data: { state: "running", attempts: { increment: 1 }, startedAt: run.startedAt ?? new Date(), heartbeatAt: new Date(), message: null },
    });
    heartbeat = setInterval(() => {
      db.ingestRun.update({ where: { id: runId }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();

    const committed = new Set(
      (await db.evidenceFile.findMany({ where: { ingestRunId: runId }, select: { path: true } })).map((f) => f.path),
    );
    const seen = new Set<string>();
    const uniquePath = (p: string) => {
      let candidate = p;
      for (let n = 2; seen.has(candidate); n++) candidate = `${p} (${n})`;
      seen.add(candidate);
      return candidate;
    };
    let batch: PendingFile[] = [];
    let batchRows = 0;
    let cancelled = false;
    const flush = async () => {
      if (batch.length === 0) return;
      const result = await commitBatch(client, { id: runId, caseId: run.caseId }, batch);
      batch = [];
      batchRows = 0;
      if (result.cancelRequested) cancelled = true;
    };

    for await (const item of walkEvidence(run.sourcePath, { displayName: run.sourceLabel })) {
      const path = uniquePath(item.path);
      if (item.kind === "error") {
        if (!committed.has(path)) batch.push(rejectedFile(path, item.reason, null, 0));
      } else if (committed.has(path)) {
        // Committed by an earlier attempt: consume the bytes (the walk is sequential) without re-reading.
        const stream = item.open() as NodeJS.ReadableStream & Parameters<typeof finished>[0];
        stream.resume();
        await finished(stream).catch(() => undefined);
      } else {
        if (item.storedBytes !== null && item.storedBytes > maxBytes) {
          const stream = item.open() as NodeJS.ReadableStream & { destroy?: () => void };
          stream.destroy?.();
          batch.push(rejectedFile(path, tooLarge(item.storedBytes, maxBytes), null, item.storedBytes));
          continue;
        }
        let bytes: Buffer;
        try {
          bytes = await readAll(item.open(), maxBytes);
        } catch (err) {
          batch.push(rejectedFile(path, (err as Error).message, null, 0));
          continue;
        }
        const blob = await storeEvidenceBuffer(env.TRAILBENCH_DATA_DIR, bytes);
        const processed = processEvidenceFile(bytes, path, maxBytes);
        batch.push({ ...processed, id: randomUUID(), path, sha256: blob.sha256, size: blob.size });
        batchRows += processed.rows.length;
      }
      if (batchRows >= BATCH_MAX_ROWS || batch.length >= BATCH_MAX_FILES) await flush();
      if (cancelled) break;
    }
    await flush();
    if (cancelled) {
      await finish(runId, "cancelled", "Cancelled: the files committed before the cancellation are kept.");
      return "done";
    }
    const totals = await db.ingestRun.findUniqueOrThrow({ where: { id: runId }, select: { records: true, filesDone: true, rejectedFiles: true } });
    if (totals.records === 0) {
      await finish(runId, "failed", totals.filesDone === 0 ? "The evidence is empty: no files found." : "No CloudTrail records found in the evidence: see the problems listed.");
    } else {
      await finish(runId, "succeeded", null);
    }
    log.info("ingest finished", { records: totals.records });
    return "done";
  } catch (err) {
    log.error("ingest attempt failed", { err });
    await db.ingestRun
      .update({
        where: { id: runId },
        data: opts.isLastAttempt
          ? { state: "failed", finishedAt: new Date(), message: `Ingest failed: ${(err as Error).message}` }
          : { state: "queued", message: `Interrupted (${(err as Error).message}); retrying.` },
      })
      .catch(() => undefined);
    throw err;
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    client.release();
  }
}

function rejectedFile(path: string, reason: string, sha256: string | null, size: number): PendingFile {
  return { id: randomUUID(), path, sha256, size, kind: "rejected", format: null, records: 0, rejected: 0, problem: reason, rows: [] };
}

async function finish(runId: string, state: "succeeded" | "failed" | "cancelled", message: string | null) {
  await db.ingestRun.update({ where: { id: runId }, data: { state, message, finishedAt: new Date(), heartbeatAt: new Date() } });
}
