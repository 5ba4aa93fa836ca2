import { createHash } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import { evidenceBlobPath } from "@/lib/evidence/evidence-store";
import { evidencePackPath } from "@/lib/evidence/evidence-pack-writer";

export type StoredEvidenceLocation = { sha256: string | null; size: number; pack: string | null; packOffset: number | null };

/**
 * The verbatim bytes of one evidence file, from its pack or the loose store, checked against the
 * sha256 recorded at ingest: a mismatch (tampering, disk corruption) is an error, never silent.
 */
export async function readEvidenceFile(dataDir: string, loc: StoredEvidenceLocation): Promise<Buffer> {
  if (!loc.sha256) throw new Error("This evidence file's bytes were not kept (it could not be read at ingest).");
  let bytes: Buffer;
  if (loc.pack !== null && loc.packOffset !== null) {
    const handle = await open(evidencePackPath(dataDir, loc.pack), "r");
    try {
      bytes = Buffer.alloc(loc.size);
      const { bytesRead } = await handle.read(bytes, 0, loc.size, loc.packOffset);
      if (bytesRead !== loc.size) throw new Error(`evidence pack ${loc.pack} is truncated`);
    } finally {
      await handle.close();
    }
  } else {
    bytes = await readFile(evidenceBlobPath(dataDir, loc.sha256));
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== loc.sha256) throw new Error(`evidence integrity failure: sha256 ${actual} does not match the recorded ${loc.sha256}`);
  return bytes;
}
