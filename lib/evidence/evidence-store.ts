// The content-addressed evidence store: every evidence file is kept verbatim, named by its sha256, under
// <data dir>/evidence/<first two hex>/<sha256>, read-only. Storing the same bytes twice is a no-op, so
// re-ingesting an archive costs no space and the store is its own integrity check.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
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

/** Stores bytes already in memory (an archive member). */
export async function storeEvidenceBuffer(dataDir: string, bytes: Uint8Array): Promise<StoredBlob> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const finalPath = evidenceBlobPath(dataDir, sha256);
  if (await exists(finalPath)) return { sha256, size: bytes.byteLength, path: finalPath };
  const tmp = tmpFile(dataDir);
  await mkdir(path.dirname(tmp), { recursive: true });
  await writeFile(tmp, bytes);
  return place(dataDir, tmp, sha256, bytes.byteLength);
}

/**
 * Streams bytes to disk while hashing them (uploads of any size, never held in memory). Throws, and
 * leaves nothing behind, when more than `maxBytes` arrive or the source fails.
 */
export async function storeEvidenceStream(dataDir: string, source: Readable, maxBytes: number): Promise<StoredBlob> {
  const tmp = tmpFile(dataDir);
  await mkdir(path.dirname(tmp), { recursive: true });
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new EvidenceTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(tmp, { flags: "wx" }));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return place(dataDir, tmp, hash.digest("hex"), size);
}

export class EvidenceTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes.`);
  }
}

export function openEvidenceBlob(dataDir: string, sha256: string): Readable {
  return createReadStream(evidenceBlobPath(dataDir, sha256));
}
