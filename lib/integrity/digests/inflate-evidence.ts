import { constants as bufferConstants } from "node:buffer";
import { gunzipSync } from "node:zlib";

import { DEFAULT_MAX_DECOMPRESSED_BYTES } from "@/lib/cloudtrail/decode-evidence-bytes";

/**
 * The uncompressed content of an evidence file, byte for byte: CloudTrail hashes log files and digests
 * uncompressed, so a file stored gzipped (as delivered) and one a browser already inflated hash alike.
 * Gzip is recognised by its magic bytes, never by name; the output is capped against gzip bombs.
 */
export function inflateEvidence(
  bytes: Buffer,
  maxOutputLength = DEFAULT_MAX_DECOMPRESSED_BYTES,
): { bytes: Buffer } | { error: string } {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { bytes };
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: Math.min(maxOutputLength, bufferConstants.MAX_LENGTH) }) };
  } catch (error) {
    const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === "ERR_BUFFER_TOO_LARGE") return { error: `decompressed size exceeds ${maxOutputLength} bytes` };
    // zlib's messages are fixed strings ("unexpected end of file", "incorrect header check"): safe to show.
    return { error: `corrupt gzip: ${error instanceof Error ? error.message : String(error)}` };
  }
}
