import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";

import { EvidenceLimitError } from "./byte-guard";
import type { EvidenceLimits } from "./evidence-limits";

export type EvidenceItem =
  | {
      kind: "file";
      /** Display path, e.g. "upload.zip/AWSLogs/1111/CloudTrail/us-east-1/2023/07/10/x.json.gz". */
      path: string;
      /** Size as stored in its container (compressed size for a .gz leaf) when known. */
      storedBytes: number | null;
      /** The leaf's bytes exactly as stored in its container; a .json.gz leaf stays gzip. Call at most once. */
      open(): NodeJS.ReadableStream;
      /**
       * For a regular file on disk (not an archive member): its absolute path, so a consumer may read it
       * itself (e.g. in a worker thread) instead of calling open(). Either read the path or call open().
       */
      diskPath?: string;
      /**
       * The CloudTrail digest signature an S3 object carries in its user metadata (`x-amz-meta-signature`,
       * `x-amz-meta-signature-algorithm`), kept so digest signatures can be verified (issue #7).
       */
      digestSignature?: { hex: string; algorithm: string };
    }
  | { kind: "error"; path: string; reason: string };

export type EvidenceFileItem = Extract<EvidenceItem, { kind: "file" }>;

/** Where yauzl can read a zip with random access, without copying it. */
export type ZipAccess = { kind: "file"; path: string } | { kind: "buffer"; buffer: Buffer };

/**
 * Something that may be a leaf or a container: a file on disk, a zip member or a tar member.
 */
export type Source = {
  display: string;
  storedBytes: number | null;
  /** Decides the wording of size errors and whether the leaf size cap applies (not to disk files). */
  origin: "disk" | "zip-member" | "tar-member";
  /** Disk files and verified in-memory zip members can be opened again; stream members only once. */
  reopenable: boolean;
  /** The bytes as stored. One-shot sources return the same stream every time (open it once). */
  open(): Readable;
  zipAccess: ZipAccess | null;
  /** Releases a one-shot source that will not be read, so the enclosing archive can move on. */
  discard(): void;
  /** The source is a streamed container, not a leaf: lift the per-leaf size cap on its bytes. */
  liftLeafLimit(): void;
};

/**
 * A limit that ends the whole walk (walk-wide byte budget, entry count). Carries the error item
 * reported in place of everything that was not walked.
 */
export class WalkStop extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Shared state of one walk: limits, walk-wide budgets, cancellation and the scratch directory. */
export class WalkContext {
  private entries = 0;
  private expanded = 0;
  private stop: WalkStop | null = null;
  private tempDir: Promise<string> | null = null;
  private tempSeq = 0;

  constructor(
    readonly limits: EvidenceLimits,
    readonly signal: AbortSignal | undefined,
    /** Nested zips larger than this are spilled to a temp file instead of memory. */
    readonly spillThresholdBytes: number,
  ) {}

  /** Counts one member/leaf/container; past maxEntries the walk stops. */
  countEntry(path: string): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      this.stopWalk(path, `more than ${this.limits.maxEntries} entries (walk stopped)`);
    }
  }

  /** Walk-wide expansion budget; called from ByteGuard for every decompressed chunk. */
  addExpanded(path: string, bytes: number): void {
    this.expanded += bytes;
    if (this.expanded > this.limits.maxTotalExpandedBytes) {
      const reason = `total expanded size exceeds ${this.limits.maxTotalExpandedBytes} bytes (walk stopped)`;
      this.stop ??= new WalkStop(path, reason);
      throw new EvidenceLimitError(reason);
    }
  }

  private stopWalk(path: string, reason: string): never {
    this.stop ??= new WalkStop(path, reason);
    throw this.stop;
  }

  /**
   * Called at every step and after every caught error: a walk-wide stop or an abort must not be
   * mistaken for the failure of one member.
   */
  checkpoint(): void {
    if (this.signal?.aborted) throw abortReason(this.signal);
    if (this.stop) throw this.stop;
  }

  /** Rethrows errors that must end the walk; returns normally for per-member failures. */
  rethrowIfFatal(error: unknown): void {
    if (error instanceof WalkStop) throw error;
    this.checkpoint();
  }

  async tempFile(): Promise<string> {
    // Created lazily: most walks never spill.
    this.tempDir ??= mkdtemp(join(tmpdir(), "trailbench-evidence-"));
    const dir = await this.tempDir;
    this.tempSeq += 1;
    return join(dir, `nested-${this.tempSeq}.zip`);
  }

  async dispose(): Promise<void> {
    if (!this.tempDir) return;
    const dir = await this.tempDir.catch(() => null);
    this.tempDir = null;
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException("The walk was aborted", "AbortError");
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function errorItem(path: string, reason: string): EvidenceItem {
  return { kind: "error", path, reason };
}
