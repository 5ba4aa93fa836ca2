import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { CaseScope } from "@/lib/auth/case-scope";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { EvidenceTooLargeError, storeEvidenceStream } from "@/lib/evidence/evidence-store";
import { isDiskFullError } from "@/lib/evidence/is-disk-full-error";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";

/** A display name from the browser: at most 255 characters, no control characters, never a path. */
export function sanitizeUploadName(raw: string | null): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return clean || "upload";
}

/** An upload refused because the server's disk filled up (nothing of it is kept). */
export function diskFullMessage(name: string): string {
  return `The server's disk is full (no space left in its data directory): ${name} was not stored. Free space, then upload it again.`;
}

/**
 * Streams an uploaded evidence file to the content-addressed store (never held in memory, any size up
 * to TRAILBENCH_MAX_UPLOAD_BYTES), then queues its ingest run.
 */
export async function acceptUpload(
  scope: CaseScope,
  rawName: string | null,
  body: ReadableStream<Uint8Array> | null,
): Promise<{ ingestRunId: string; sha256: string; size: number }> {
  if (!body) throw new AppError("INVALID_INPUT", "The upload has no content.");
  const name = sanitizeUploadName(rawName);
  let blob;
  try {
    blob = await storeEvidenceStream(
      env.TRAILBENCH_DATA_DIR,
      Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>),
      env.TRAILBENCH_MAX_UPLOAD_BYTES,
    );
  } catch (err) {
    if (err instanceof EvidenceTooLargeError) throw new AppError("TOO_LARGE", `${name} is larger than the upload limit of ${err.maxBytes} bytes.`);
    if (isDiskFullError(err)) throw new AppError("STORAGE_FULL", diskFullMessage(name));
    throw new AppError("INVALID_INPUT", `The upload of ${name} was interrupted: ${(err as Error).message}`);
  }
  if (blob.size === 0) throw new AppError("INVALID_INPUT", `${name} is empty: there is nothing to ingest.`);
  const { ingestRunId } = await enqueueIngest(scope, {
    origin: "web",
    sourceKind: "upload",
    sourceLabel: name,
    sourcePath: blob.path,
    sourceSha256: blob.sha256,
    sourceBytes: blob.size,
  });
  return { ingestRunId, sha256: blob.sha256, size: blob.size };
}
