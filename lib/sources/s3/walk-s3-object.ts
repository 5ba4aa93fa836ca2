// One S3 object → evidence items. The GetObject is issued here, one object at a time, right before its
// item is handed out (never prefetched: the consumer reads each item fully before asking for the next).
// Issuing it before the yield, rather than inside open(), is what lets a failed GET become an error
// item for that path and lets containers be recognised by content, like walkEvidence does on disk:
// the first bytes are peeked from the one GET body, so a plain .json.gz costs exactly one request.
// A zip/tar/tar.gz object (investigators upload archives to buckets) is downloaded to a private temp
// file and walked with walkEvidence, whose bomb and traversal guards then apply.
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { detectRawFormat, isTarHeader, SNIFF_BYTES } from "@/lib/evidence/detect-container";
import { DEFAULT_EVIDENCE_LIMITS } from "@/lib/evidence/evidence-limits";
import { headOf, peekBytes, peekGunzipHead, replayStream, type Peeked } from "@/lib/evidence/stream-peek";
import { abortReason } from "@/lib/evidence/walk-context";
import { walkEvidence, type EvidenceItem } from "@/lib/evidence/walk-evidence";
import { s3ErrorText } from "./s3-error-text";

/** Raw gzip bytes read to see whether a .gz object is a tar.gz (same bound as walkEvidence). */
const MAX_GZIP_SNIFF_RAW_BYTES = 1024 * 1024;
/** An archive larger than this is not copied to the server's temp disk. */
const MAX_ARCHIVE_BYTES = DEFAULT_EVIDENCE_LIMITS.maxTotalExpandedBytes;

export type S3ObjectRef = { bucket: string; key: string; size: number | null };

export async function* walkS3Object(client: S3Client, object: S3ObjectRef, signal?: AbortSignal): AsyncGenerator<EvidenceItem> {
  const path = `s3://${object.bucket}/${object.key}`;
  const failed = (error: unknown): EvidenceItem => {
    if (signal?.aborted) throw abortReason(signal);
    return { kind: "error", path, reason: `S3 GetObject failed: ${s3ErrorText(error)}` };
  };

  if (signal?.aborted) throw abortReason(signal);
  let body: Readable;
  let contentLength: number | null;
  let digestSignature: { hex: string; algorithm: string } | undefined;
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }), { abortSignal: signal });
    // In Node the SDK's body is the raw http.IncomingMessage: no Content-Encoding decoding happens
    // (node:http never inflates), so the bytes are the object exactly as stored.
    if (!(response.Body instanceof Readable)) throw new Error("the response has no streamable body");
    body = response.Body;
    contentLength = response.ContentLength ?? null;
    const signature = response.Metadata?.signature;
    if (signature && /^[0-9a-fA-F]{2,4096}$/.test(signature)) digestSignature = { hex: signature, algorithm: response.Metadata?.["signature-algorithm"] ?? "" };
  } catch (error) {
    yield failed(error);
    return;
  }

  let peeked: Peeked;
  let container: boolean;
  try {
    ({ peeked, container } = await sniffContainer(body));
  } catch (error) {
    body.destroy();
    yield failed(error);
    return;
  }
  const stream = replayStream(peeked, body);

  if (!container) {
    const state: { opened: boolean } = { opened: false };
    try {
      yield {
        kind: "file",
        path,
        storedBytes: object.size ?? contentLength,
        ...(digestSignature ? { digestSignature } : {}),
        open: () => {
          if (state.opened) throw new Error(`open() may be called only once (${path})`);
          state.opened = true;
          return stream;
        },
      };
    } finally {
      // Not opened (e.g. committed by an earlier attempt) or not read to the end: close the connection.
      if (!stream.readableEnded && !stream.destroyed) stream.destroy();
    }
    return;
  }

  if (contentLength !== null && contentLength > MAX_ARCHIVE_BYTES) {
    stream.destroy();
    yield { kind: "error", path, reason: `archive larger than ${MAX_ARCHIVE_BYTES} bytes: not downloaded` };
    return;
  }
  // mkdtemp makes a 0700 directory; the file itself is 0600 and must not exist yet ("wx").
  const dir = await mkdtemp(join(tmpdir(), "trailbench-s3-"));
  try {
    const file = join(dir, "object");
    try {
      await pipeline(stream, createWriteStream(file, { flags: "wx", mode: 0o600 }), { signal });
    } catch (error) {
      yield failed(error);
      return;
    }
    yield* walkEvidence(file, { displayName: path, signal });
  } finally {
    stream.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** zip, tar, or gzip whose content starts with a tar header: the formats walkEvidence opens. */
async function sniffContainer(body: Readable): Promise<{ peeked: Peeked; container: boolean }> {
  const peeked = await peekBytes(body, SNIFF_BYTES);
  const raw = detectRawFormat(headOf(peeked, SNIFF_BYTES));
  if (raw === "zip" || raw === "tar") return { peeked, container: true };
  if (raw !== "gzip") return { peeked, container: false };
  const inner = await peekGunzipHead(body, peeked, SNIFF_BYTES, MAX_GZIP_SNIFF_RAW_BYTES);
  return { peeked, container: isTarHeader(inner) };
}
