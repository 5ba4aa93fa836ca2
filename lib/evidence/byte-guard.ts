import { Transform, type TransformCallback } from "node:stream";
import { crc32 } from "node:zlib";

import { RATIO_CHECK_FLOOR_BYTES } from "./evidence-limits";

/** A protection limit tripped. Its message is meant for users ("expansion ratio above 200:1 (zip bomb?)"). */
export class EvidenceLimitError extends Error {
  override name = "EvidenceLimitError";
}

export type ByteGuardOptions = {
  /** Bytes allowed through; more destroys the stream with "decompressed size exceeds N bytes". */
  maxBytes: number;
  maxRatio: number;
  /**
   * Compressed bytes behind the output so far (a gunzip's `bytesWritten`) or in total (a zip entry's
   * compressed size); null when the stream is not decompressed output.
   */
  compressedBytes: (() => number) | null;
  /** CRC-32 the complete output must have (zip entries); checked at the end. */
  expectedCrc32?: number;
  /** Called for every chunk before it passes; throwing stops the stream (walk-wide byte budget). */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
};

/**
 * Pass-through that counts decompressed bytes and destroys the stream as soon as a limit is crossed.
 * Checking while streaming (not trusting declared sizes) is what bounds a bomb whose headers lie.
 */
export class ByteGuard extends Transform {
  bytes = 0;
  /** Mutable: a member found to be a streamed container (not a leaf) is no longer capped. */
  maxBytes: number;
  private crc = 0;

  constructor(private readonly options: ByteGuardOptions) {
    super();
    this.maxBytes = options.maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const { signal, compressedBytes, maxRatio, onBytes, expectedCrc32 } = this.options;
    if (signal?.aborted) return callback(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      return callback(new EvidenceLimitError(`decompressed size exceeds ${this.maxBytes} bytes`));
    }
    if (
      compressedBytes !== null &&
      this.bytes > RATIO_CHECK_FLOOR_BYTES &&
      this.bytes > maxRatio * Math.max(1, compressedBytes())
    ) {
      return callback(new EvidenceLimitError(`expansion ratio above ${maxRatio}:1 (zip bomb?)`));
    }
    try {
      onBytes?.(chunk.length);
    } catch (error) {
      return callback(error instanceof Error ? error : new Error(String(error)));
    }
    if (expectedCrc32 !== undefined) this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const expected = this.options.expectedCrc32;
    if (expected !== undefined && this.crc >>> 0 !== expected >>> 0) {
      return callback(new Error(`CRC-32 mismatch: expected ${hex32(expected)}, got ${hex32(this.crc)}`));
    }
    callback();
  }
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}
