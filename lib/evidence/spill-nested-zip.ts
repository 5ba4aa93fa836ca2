import { open, rm, type FileHandle } from "node:fs/promises";

import { EvidenceLimitError } from "./byte-guard";
import { nextChunk } from "./stream-peek";
import type { Source, WalkContext, ZipAccess } from "./walk-context";

export type SpilledZip = { access: ZipAccess; tempPath: string | null };

/**
 * A zip found inside a stream (a tar member, a large zip member) must be made randomly accessible
 * for yauzl: small ones are kept in memory, larger ones written to a private temp file, both capped
 * at maxLeafBytes. The caller deletes `tempPath` when done (the walk also removes its temp dir).
 */
export async function spillNestedZip(ctx: WalkContext, source: Source, sizeReason: string): Promise<SpilledZip> {
  const stream = source.open();
  const chunks: Buffer[] = [];
  let bytes = 0;
  let file: FileHandle | null = null;
  let tempPath: string | null = null;
  try {
    for (;;) {
      ctx.checkpoint();
      const chunk = await nextChunk(stream);
      if (chunk === null) break;
      bytes += chunk.length;
      if (bytes > ctx.limits.maxLeafBytes) throw new EvidenceLimitError(sizeReason);
      if (file) {
        await writeFully(file, chunk);
        continue;
      }
      chunks.push(chunk);
      if (bytes > ctx.spillThresholdBytes) {
        tempPath = await ctx.tempFile();
        // "wx" + 0600: never reuse or expose someone else's file in a shared temp directory.
        file = await open(tempPath, "wx", 0o600);
        for (const held of chunks) await writeFully(file, held);
        chunks.length = 0;
      }
    }
    if (file && tempPath) {
      await file.close();
      file = null;
      return { access: { kind: "file", path: tempPath }, tempPath };
    }
    return { access: { kind: "buffer", buffer: Buffer.concat(chunks) }, tempPath: null };
  } catch (error) {
    stream.destroy();
    await file?.close().catch(() => {});
    if (tempPath) await rm(tempPath, { force: true });
    throw error;
  }
}

async function writeFully(file: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
