/**
 * Hard limits that keep a walk over hostile evidence (zip bombs, deep nesting, millions of tiny
 * members) inside predictable memory, disk and time. Every limit is enforced while streaming, so a
 * lying header can delay a refusal but never make the walker hold more than the limit.
 */
export type EvidenceLimits = {
  /** Max decompressed/extracted size of one leaf (default 512 MiB). */
  maxLeafBytes: number;
  /** Max total bytes produced by decompression/extraction across the walk (default 64 GiB). */
  maxTotalExpandedBytes: number;
  /** Max decompressed/compressed ratio for a gzip stream or zip entry, once past 1 MiB output (default 200). */
  maxExpansionRatio: number;
  /** Max container nesting, e.g. zip inside tar.gz inside zip (default 4). */
  maxDepth: number;
  /**
   * Max leaves + containers per walk (default 5,000,000). Every directory, file, archive and archive
   * member visited counts once, skipped ones included: a zip of a million symlinks costs the same.
   */
  maxEntries: number;
};

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = Object.freeze({
  // Matches decodeEvidenceBytes' default cap: far above any CloudTrail delivery file (AWS rolls
  // them every 5 minutes), far below what a bomb needs to hurt.
  maxLeafBytes: 512 * MiB,
  // A full organisation trail for a year fits; a disk-filling bomb chain does not.
  maxTotalExpandedBytes: 64 * GiB,
  // CloudTrail JSON compresses about 10-30:1; deflate cannot exceed ~1032:1, so bombs sit far above.
  maxExpansionRatio: 200,
  // Real uploads nest at most zip > tar.gz > json.gz; 4 leaves room and stops recursive quines.
  maxDepth: 4,
  maxEntries: 5_000_000,
});

/** Output below this size never trips the ratio check: tiny highly-compressible files are normal. */
export const RATIO_CHECK_FLOOR_BYTES = MiB;

/** Fills in defaults and rejects nonsense early, so a typo cannot silently disable a protection. */
export function resolveEvidenceLimits(partial: Partial<EvidenceLimits> = {}): EvidenceLimits {
  const limits: EvidenceLimits = { ...DEFAULT_EVIDENCE_LIMITS };
  for (const key of Object.keys(DEFAULT_EVIDENCE_LIMITS) as (keyof EvidenceLimits)[]) {
    const value = partial[key];
    if (value === undefined) continue;
    // Infinity is allowed on purpose: tests and trusted imports may switch a limit off explicitly.
    if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
      throw new RangeError(`invalid evidence limit ${key}: ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}
