// The content-addressed evidence store: every evidence file is kept verbatim, named by its sha256, under
// <data dir>/evidence/<first two hex>/<sha256>, read-only. Storing the same bytes twice is a no-op, so
// re-ingesting an archive costs no space and the store is its own integrity check.
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type StoredBlob = { sha256: string; size: number; path: string };

export function evidenceBlobPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, "evidence", sha256.slice(0, 2), sha256);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function place(dataDir: string, tmpPath: string, sha256: string, size: number): Promise<StoredBlob> {
  const finalPath = evidenceBlobPath(dataDir, sha256);
  if (await exists(finalPath)) {
    await rm(tmpPath, { force: true });
  } else {
    await mkdir(path.dirname(finalPath), { recursive: true });
    await chmod(tmpPath, 0o444);
    await rename(tmpPath, finalPath);
  }
  return { sha256, size, path: finalPath };
}

function tmpFile(dataDir: string): string {
  return path.join(dataDir, "evidence", "tmp", `${randomUUID()}.part`);
}

/**
 * Streams bytes to disk while hashing them (uploads of any size, never held in memory). Throws, and
 * leaves nothing behind, when more than `maxBytes` arrive or the source fails.
 */
export async function storeEvidenceStream(dataDir: string, source: Readable, maxBytes: number): Promise<StoredBlob> {
  const tmp = tmpFile(dataDir);
  await mkdir(path.dirname(tmp), { recursive: true });
  const hash = createHash("sha256");
  const size = await streamToFile(source, tmp, maxBytes, (chunk) => hash.update(chunk));
  try {
    return await place(dataDir, tmp, hash.digest("hex"), size);
  } catch (err) {
    await rm(tmp, { force: true }); // e.g. no space left for the blob's directory: keep nothing
    throw err;
  }
}

/**
 * Writes a stream to a new file (never an existing one), counting bytes; throws EvidenceTooLargeError
 * past `maxBytes`, and on any failure leaves no file behind. Returns the size.
 */
export async function streamToFile(source: Readable, file: string, maxBytes: number, onChunk?: (chunk: Buffer) => void): Promise<number> {
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new EvidenceTooLargeError(maxBytes));
      onChunk?.(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(file, { flags: "wx" }));
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  }
  return size;
}

export class EvidenceTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes.`);
  }
}
