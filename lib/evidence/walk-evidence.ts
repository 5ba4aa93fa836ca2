import { close, constants as fsConstants, createReadStream, open, read, type Stats } from "node:fs";
import { lstat, open as openFile, readdir, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";

import { ByteGuard, EvidenceLimitError } from "./byte-guard";
import { classifyHead, detectRawFormat, isTarHeader, SNIFF_BYTES } from "./detect-container";
import { resolveEvidenceLimits, type EvidenceLimits } from "./evidence-limits";
import { spillNestedZip } from "./spill-nested-zip";
import { headOf, peekBytes, peekGunzipHead, replayStream, type Peeked } from "./stream-peek";
import {
  errorItem,
  errorMessage,
  WalkContext,
  WalkStop,
  type EvidenceItem,
  type Source,
  type ZipAccess,
} from "./walk-context";
import { TarStreamBroken, walkTarArchive } from "./walk-tar-archive";
import { walkZipArchive, zipEntryFailure } from "./walk-zip-archive";

export { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from "./evidence-limits";
export { EvidenceLimitError } from "./byte-guard";
export type { EvidenceFileItem, EvidenceItem } from "./walk-context";

export type WalkEvidenceOptions = {
  /** First segment of every display path; defaults to the basename of rootPath. */
  displayName?: string;
  limits?: Partial<EvidenceLimits>;
  /** Aborting makes the generator throw the signal's reason at its next step. */
  signal?: AbortSignal;
  /** Nested zips larger than this go to a temp file instead of memory (default 64 MiB). */
  spillThresholdBytes?: number;
  /**
   * Yield regular files on disk of at most this many bytes as leaves without reading them: the consumer
   * reads each such file whole anyway and promises to recognise containers itself (by content) and walk
   * them with walkEvidence. Saves an open and a read per file, the walk's main cost on a tree of tens of
   * thousands of files. Larger files are still sniffed here, so a multi-GB archive is walked, not
   * handed over as a leaf too large to read whole. Default 0: every file is sniffed.
   */
  deferDiskSniffUpTo?: number;
};

const DEFAULT_SPILL_THRESHOLD_BYTES = 64 * 1024 * 1024;
/** Raw gzip bytes we are willing to read to see the first 512 decompressed bytes. */
const MAX_GZIP_SNIFF_RAW_BYTES = 1024 * 1024;

type MemberFormat = "leaf" | "zip" | "tar" | "tgz";

/**
 * Yields every leaf file inside trail evidence on the server's disk (one file or a directory
 * tree), descending into zip, tar and tar.gz containers recognised by content, plus an error item
 * for everything that could not or must not be walked. Never parses JSON, never touches the DB.
 *
 * Contract for the consumer:
 * - Fully consume or destroy a file item's stream before asking for the next item: tar members are
 *   sequential. Asking for the next item destroys an archive member's stream that is still open.
 * - `open()` may be called once, and only before asking for the next item.
 * - A file item's bytes are exactly as stored: a .json.gz leaf stays gzip, the consumer gunzips
 *   (and must cap that itself, e.g. decodeEvidenceBytes' maxOutputLength).
 * - The stream of an archive member can still emit an error after the item was yielded: when its
 *   archive turns out truncated, when a streamed zip member exceeds a limit or fails its CRC
 *   (members up to 16 MiB are verified before they are yielded), or when the walk-wide byte budget
 *   runs out. The consumer reports that file as failed; the walk goes on (or ends with one
 *   "(walk stopped)" error item when a walk-wide limit was hit).
 * - Items come in a deterministic order: directory entries sorted, archive members in archive order.
 * - Ending the loop early (break/return) releases files and temp files.
 */
export async function* walkEvidence(
  rootPath: string,
  options: WalkEvidenceOptions = {},
): AsyncGenerator<EvidenceItem> {
  const limits = resolveEvidenceLimits(options.limits);
  const ctx = new WalkContext(limits, options.signal, options.spillThresholdBytes ?? DEFAULT_SPILL_THRESHOLD_BYTES);
  const absolute = resolve(rootPath);
  const display = options.displayName ?? basename(absolute);
  try {
    ctx.checkpoint();
    yield* walkDiskPath(ctx, absolute, display, options.deferDiskSniffUpTo ?? 0);
    // A yielded member's stream may have used up the byte budget after its item was handed out.
    ctx.checkpoint();
  } catch (error) {
    if (!(error instanceof WalkStop)) throw error;
    yield errorItem(error.path, error.reason);
  } finally {
    await ctx.dispose();
  }
}

async function* walkDiskPath(ctx: WalkContext, absolute: string, display: string, deferSniffUpTo: number): AsyncGenerator<EvidenceItem> {
  ctx.checkpoint();
  ctx.countEntry(display);
  let stats;
  try {
    stats = await lstat(absolute);
  } catch (error) {
    yield errorItem(display, `cannot read: ${fsErrorText(error)}`);
    return;
  }
  // lstat + no following: a symlink could point anywhere on the server (/etc, other cases' evidence).
  if (stats.isSymbolicLink()) {
    yield errorItem(display, "symbolic link: not followed");
    return;
  }
  if (stats.isDirectory()) {
    let names: string[];
    try {
      names = await readdir(absolute);
    } catch (error) {
      yield errorItem(display, `cannot read directory: ${fsErrorText(error)}`);
      return;
    }
    // Sorted so two walks of the same evidence yield the same sequence (stable ingest positions).
    names.sort();
    for (const name of names) yield* walkDiskPath(ctx, join(absolute, name), `${display}/${name}`, deferSniffUpTo);
    return;
  }
  if (!stats.isFile()) {
    yield errorItem(display, `${specialFileLabel(stats)} skipped: not a regular file`);
    return;
  }
  const source = diskSource(absolute, display, stats.size);
  // The common case, a plain or gzipped JSON file, is recognised from one small read; anything else
  // (containers, unreadable or odd heads) takes the general path.
  if (stats.size <= deferSniffUpTo || (await sniffDiskLeaf(absolute)) === "leaf") {
    yield* yieldLeaf(source);
    return;
  }
  yield* walkMember(ctx, source, 0);
}

const DISK_SNIFF_BYTES = 2048;

/** "leaf" when one small read proves the file is neither a zip, a tar nor a gzipped tar; else null. */
async function sniffDiskLeaf(absolute: string): Promise<"leaf" | null> {
  let handle;
  try {
    handle = await openFile(absolute, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
    const buf = Buffer.alloc(DISK_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, DISK_SNIFF_BYTES, 0);
    return classifyHead(buf.subarray(0, bytesRead)) === "leaf" ? "leaf" : null;
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Decides what a source is by content and walks it: a leaf is yielded, a container is opened.
 * `level` is the number of archives enclosing the source.
 */
async function* walkMember(ctx: WalkContext, source: Source, level: number): AsyncGenerator<EvidenceItem> {
  ctx.checkpoint();
  let format: MemberFormat;
  let member: Source;
  try {
    ({ format, source: member } = await sniff(source));
  } catch (error) {
    ctx.rethrowIfFatal(error);
    source.discard();
    if (source.origin === "tar-member") throw new TarStreamBroken(error);
    yield errorItem(source.display, readFailure(source, error));
    return;
  }

  const { maxDepth, maxLeafBytes } = ctx.limits;
  const tooBig = member.origin !== "disk" && member.storedBytes !== null && member.storedBytes > maxLeafBytes;
  if (format === "leaf") {
    if (tooBig) {
      member.discard();
      yield errorItem(member.display, sizeReason(member, maxLeafBytes));
      return;
    }
    yield* yieldLeaf(member);
    return;
  }

  if (level + 1 > maxDepth) {
    member.discard();
    yield errorItem(member.display, `archive nesting deeper than ${maxDepth} level${maxDepth === 1 ? "" : "s"}`);
    return;
  }

  if (format === "zip") {
    // A nested zip is held (memory or temp file) whole, so it is capped like a leaf.
    if (tooBig) {
      member.discard();
      yield errorItem(member.display, sizeReason(member, maxLeafBytes));
      return;
    }
    let access: ZipAccess | null = member.zipAccess;
    let tempPath: string | null = null;
    if (access === null) {
      try {
        ({ access, tempPath } = await spillNestedZip(ctx, member, sizeReason(member, maxLeafBytes)));
      } catch (error) {
        ctx.rethrowIfFatal(error);
        if (member.origin === "tar-member" && !(error instanceof EvidenceLimitError)) throw new TarStreamBroken(error);
        yield errorItem(member.display, readFailure(member, error));
        return;
      }
    }
    try {
      yield* walkZipArchive(ctx, access, member.display, level + 1, walkMember);
    } finally {
      if (tempPath) await rm(tempPath, { force: true });
    }
    return;
  }

  // A streamed tar is a container, not a leaf: its total size is bounded by the walk-wide budget.
  member.liftLeafLimit();
  let input = member.open();
  if (format === "tgz") {
    const gunzip = createGunzip();
    const guard = new ByteGuard({
      maxBytes: Number.POSITIVE_INFINITY,
      maxRatio: ctx.limits.maxExpansionRatio,
      // bytesWritten counts compressed bytes the inflater really consumed, not merely buffered.
      compressedBytes: () => gunzip.bytesWritten,
      onBytes: (bytes) => ctx.addExpanded(member.display, bytes),
      signal: ctx.signal,
    });
    pipeline(input, gunzip, guard, () => {});
    input = guard;
  }
  yield* walkTarArchive(ctx, input, member.display, level + 1, walkMember);
}

/** Hands out one leaf and, once the consumer moves on, releases whatever it did not read. */
async function* yieldLeaf(source: Source): AsyncGenerator<EvidenceItem> {
  // An object, not a `let`: TypeScript does not see assignments made inside the open() closure.
  const state: { opened: Readable | null; expired: boolean } = { opened: null, expired: false };
  try {
    yield {
      kind: "file",
      path: source.display,
      storedBytes: source.storedBytes,
      ...(source.origin === "disk" && source.zipAccess?.kind === "file" ? { diskPath: source.zipAccess.path } : {}),
      open: () => {
        if (state.expired) throw new Error(`open() called after the walk moved past ${source.display}`);
        if (state.opened) throw new Error(`open() may be called only once (${source.display})`);
        state.opened = source.open();
        return state.opened;
      },
    };
  } finally {
    state.expired = true;
    const stream = state.opened;
    if (!source.reopenable) {
      // The enclosing archive cannot advance until this member is read or released.
      if (stream === null) source.discard();
      else if (!stream.readableEnded && !stream.destroyed) stream.destroy();
    }
  }
}

/**
 * Reads just enough of a source to classify it. Reopenable sources are simply reopened for the
 * real pass; one-shot members get a stream that replays the peeked bytes, so nothing is buffered
 * beyond the head (a gzip member of a tar is never held whole).
 */
async function sniff(source: Source): Promise<{ format: MemberFormat; source: Source }> {
  const stream = source.open();
  let peeked: Peeked;
  let format: MemberFormat;
  try {
    peeked = await peekBytes(stream, SNIFF_BYTES);
    const raw = detectRawFormat(headOf(peeked, SNIFF_BYTES));
    format = raw === "zip" ? "zip" : raw === "tar" ? "tar" : "leaf";
    if (raw === "gzip") {
      const inner = await peekGunzipHead(stream, peeked, SNIFF_BYTES, MAX_GZIP_SNIFF_RAW_BYTES);
      if (isTarHeader(inner)) format = "tgz";
    }
  } catch (error) {
    stream.destroy();
    throw error;
  }
  if (source.reopenable) {
    stream.destroy();
    return { format, source };
  }
  const replay = replayStream(peeked, stream);
  return { format, source: { ...source, open: () => replay, discard: () => replay.destroy() } };
}

function diskSource(absolute: string, display: string, size: number): Source {
  return {
    display,
    storedBytes: size,
    origin: "disk",
    reopenable: true,
    open: () =>
      createReadStream(absolute, {
        // O_NOFOLLOW: the path was lstat-ed as a regular file; refuse it if swapped for a symlink since.
        fs: {
          open: (path: string, _flags: unknown, mode: number, callback: (error: NodeJS.ErrnoException | null, fd: number) => void) =>
            open(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW, mode, callback),
          close,
          read,
        },
      }),
    zipAccess: { kind: "file", path: absolute },
    discard: () => {},
    liftLeafLimit: () => {},
  };
}

function sizeReason(source: Source, max: number): string {
  return source.origin === "tar-member" ? `entry size exceeds ${max} bytes` : `decompressed size exceeds ${max} bytes`;
}

function readFailure(source: Source, error: unknown): string {
  if (source.origin === "zip-member") return zipEntryFailure(error);
  if (error instanceof EvidenceLimitError) return error.message;
  return `cannot read: ${fsErrorText(error)}`;
}

function fsErrorText(error: unknown): string {
  // Node's messages embed the absolute server path; the display path already says which file.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : errorMessage(error);
}

function specialFileLabel(stats: Stats): string {
  if (stats.isFIFO()) return "fifo";
  if (stats.isSocket()) return "socket";
  if (stats.isCharacterDevice()) return "character device";
  if (stats.isBlockDevice()) return "block device";
  return "special file";
}
