import { constants as bufferConstants, isUtf8 } from "node:buffer";
import { gunzipSync } from "node:zlib";

/** Default cap on gunzipped size: far above any CloudTrail delivery file, far below a zip bomb. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

export type DecodeEvidenceOptions = {
  /** Largest gunzipped size accepted, in bytes (default 512 MiB). */
  maxOutputLength?: number;
};

/**
 * Turns the bytes of one evidence file into text: gunzips when the content starts with the gzip
 * magic (never trusting the file name: names lie both ways, e.g. a `.json.gz` that a browser or
 * `curl --compressed` already inflated), drops a byte-order mark, and refuses
 * anything that is not valid Unicode rather than letting U+FFFD silently alter evidence.
 *
 * UTF-16 with a BOM is accepted because Windows PowerShell 5 writes `aws cloudtrail lookup-events >
 * out.json` that way.
 */
export function decodeEvidenceBytes(
  bytes: Uint8Array,
  options: DecodeEvidenceOptions = {},
): { text: string } | { error: string } {
  const max = options.maxOutputLength ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  if (!Number.isSafeInteger(max) || max < 1) return { error: `invalid maxOutputLength: ${String(max)}` };

  let data = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes, { maxOutputLength: Math.min(max, bufferConstants.MAX_LENGTH) });
    } catch (error) {
      if (errorCode(error) === "ERR_BUFFER_TOO_LARGE") return { error: `decompressed size exceeds ${max} bytes` };
      return { error: `corrupt gzip: ${errorMessage(error)}` };
    }
  }

  let encoding = "utf-8";
  let start = 0;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3;
  else if (data[0] === 0xff && data[1] === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (data[0] === 0xfe && data[1] === 0xff) [encoding, start] = ["utf-16be", 2];

  const body = data.subarray(start);
  // The common case, UTF-8, on the fast path: validate and decode with Node's native (simdutf) routines.
  if (encoding === "utf-8" && isUtf8(body) && body.length <= bufferConstants.MAX_STRING_LENGTH) {
    return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8") };
  }
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body) };
  } catch (error) {
    if (error instanceof RangeError) return { error: `text too large to decode (${body.length} bytes)` };
    if (encoding !== "utf-8") return { error: `not valid ${encoding.toUpperCase()} text` };
    return { error: `not valid UTF-8 text: invalid byte sequence at offset ${start + firstInvalidUtf8Offset(body)}` };
  }
}

/**
 * Offset of the first byte that cannot start or continue a well-formed UTF-8 sequence (RFC 3629:
 * no overlongs, no surrogates, nothing above U+10FFFF). Only runs on the error path, to make the
 * error message actionable.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const min = k === 1 ? lo : 0x80;
      const maxByte = k === 1 ? hi : 0xbf;
      if (c < min || c > maxByte) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
