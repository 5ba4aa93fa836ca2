import { constants as zlibConstants, gunzipSync } from "node:zlib";

/**
 * Recognises containers by their first bytes, never by file name: uploads get renamed, browsers
 * and `curl --compressed` inflate `.gz` files, and an attacker chooses names freely.
 */
export type RawFormat = "zip" | "tar" | "gzip" | "other";

/** Bytes needed to recognise any format (one tar header block). */
export const SNIFF_BYTES = 512;

/**
 * What the first bytes of a file say it is: "container" (zip, tar, or gzip whose first 512 inflated
 * bytes are a tar header), "leaf", or "unknown" when a gzip head does not inflate to a full tar header
 * block (corrupt, or the head was too short). Callers decide what unknown means for them.
 */
export function classifyHead(head: Uint8Array): "container" | "leaf" | "unknown" {
  const raw = detectRawFormat(head.subarray(0, SNIFF_BYTES));
  if (raw === "zip" || raw === "tar") return "container";
  if (raw !== "gzip") return "leaf";
  let inner: Buffer;
  try {
    // Z_SYNC_FLUSH: inflate what these bytes hold without requiring the end of the stream.
    inner = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return "unknown";
  }
  if (inner.length < SNIFF_BYTES) return "unknown";
  return isTarHeader(inner.subarray(0, SNIFF_BYTES)) ? "container" : "leaf";
}

export function detectRawFormat(head: Uint8Array): RawFormat {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    // Local file header, or the end-of-central-directory record of an empty archive.
    if ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06)) return "zip";
  }
  // 0x08 = deflate, the only method gzip defines; checking it avoids claiming random 1f 8b text.
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return "gzip";
  if (isTarHeader(head)) return "tar";
  return "other";
}

/**
 * A POSIX/GNU tar header: "ustar" at offset 257 AND a valid header checksum. The checksum makes a
 * JSON file that happens to contain "ustar" at that offset stay a leaf.
 */
export function isTarHeader(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  if (magic !== "ustar") return false;
  const stored = parseOctal(head.subarray(148, 156));
  if (stored === null) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return sum === stored;
}

function parseOctal(field: Uint8Array): number | null {
  const text = String.fromCharCode(...field).replace(/[\0 ]+$/g, "").trim();
  if (!/^[0-7]{1,8}$/.test(text)) return null;
  return parseInt(text, 8);
}
