import type { Readable } from "node:stream";

import { walkEvidence, type EvidenceItem, type WalkEvidenceOptions } from "../walk-evidence";

/** One walked item, with a file's bytes read (or its stream error) so sequences compare exactly. */
export type WalkedItem =
  | { kind: "file"; path: string; storedBytes: number | null; text: string }
  | { kind: "file"; path: string; storedBytes: number | null; streamError: string }
  | { kind: "error"; path: string; reason: string };

/** Reads a stream to the end; rejects with the stream's error. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Walks `root` the way the ingest pipeline will: every file item's stream is consumed before the
 * next item is requested. Binary content is shown as hex so gzip leaves stay comparable.
 */
export async function collectWalk(root: string, options?: WalkEvidenceOptions): Promise<WalkedItem[]> {
  const items: WalkedItem[] = [];
  for await (const item of walkEvidence(root, options)) items.push(await settle(item));
  return items;
}

export async function settle(item: EvidenceItem): Promise<WalkedItem> {
  if (item.kind === "error") return { kind: "error", path: item.path, reason: item.reason };
  try {
    const bytes = await readStream(item.open());
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? `gzip:${bytes.length}` : bytes.toString("utf8");
    return { kind: "file", path: item.path, storedBytes: item.storedBytes, text };
  } catch (error) {
    return {
      kind: "file",
      path: item.path,
      storedBytes: item.storedBytes,
      streamError: error instanceof Error ? error.message : String(error),
    };
  }
}
