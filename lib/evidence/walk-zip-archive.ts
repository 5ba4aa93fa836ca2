import { close, constants as fsConstants, open } from "node:fs";
import { pipeline, Readable } from "node:stream";
import * as yauzl from "yauzl";

import { archiveMemberPath } from "./archive-member-path";
import { ByteGuard, EvidenceLimitError } from "./byte-guard";
import { RATIO_CHECK_FLOOR_BYTES } from "./evidence-limits";
import { nextChunk } from "./stream-peek";
import { errorItem, errorMessage, type EvidenceItem, type WalkContext, type ZipAccess } from "./walk-context";
import type { WalkMember } from "./walk-tar-archive";

/**
 * Members up to this size are inflated and CRC-checked in memory before being handed out, so a
 * corrupt member becomes an error item instead of a stream that fails halfway through ingest.
 * Larger members are streamed and fail at the end (see the contract in walk-evidence.ts).
 */
const VERIFY_IN_MEMORY_MAX_BYTES = 16 * 1024 * 1024;

const S_IFMT = 0o170000;
const SPECIAL_FILE_LABELS: Record<number, string> = {
  0o010000: "fifo",
  0o020000: "character device",
  0o060000: "block device",
  0o140000: "socket",
};

/**
 * Walks one zip with random access (yauzl needs the central directory at the end). Entries are read
 * lazily, one at a time, so a zip with millions of entries costs one entry of memory.
 */
export async function* walkZipArchive(
  ctx: WalkContext,
  access: ZipAccess,
  display: string,
  level: number,
  walkMember: WalkMember,
): AsyncGenerator<EvidenceItem> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(access);
  } catch (error) {
    ctx.rethrowIfFatal(error);
    yield errorItem(display, `corrupt zip: ${errorMessage(error)}`);
    return;
  }
  // yauzl emits late errors (e.g. closing the fd) on the zipfile; without a listener they would crash.
  zip.on("error", () => {});
  try {
    for (;;) {
      ctx.checkpoint();
      let entry: yauzl.Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (error) {
        // The central directory itself is damaged: nothing after this point can be located.
        ctx.rethrowIfFatal(error);
        yield errorItem(display, `corrupt zip: ${errorMessage(error)}`);
        return;
      }
      if (entry === null) return;
      yield* walkZipEntry(ctx, zip, entry, display, level, walkMember);
    }
  } finally {
    zip.close();
  }
}

async function* walkZipEntry(
  ctx: WalkContext,
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  display: string,
  level: number,
  walkMember: WalkMember,
): AsyncGenerator<EvidenceItem> {
  ctx.countEntry(display);
  // Decoded here rather than with decodeStrings: yauzl's own name validation fails the whole
  // archive at the first bad name, and we want to report it and keep walking. Same decoder as yauzl.
  const rawName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  const named = archiveMemberPath(rawName);
  if (!named.ok) {
    yield errorItem(display, named.reason);
    return;
  }
  const path = `${display}/${named.inner}`;
  const fileType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (rawName.endsWith("/") || fileType === 0o040000) return;
  if (fileType === 0o120000) {
    yield errorItem(path, "symbolic link in archive: not followed");
    return;
  }
  const special = SPECIAL_FILE_LABELS[fileType];
  if (special) {
    yield errorItem(path, `${special} entry skipped`);
    return;
  }
  if (entry.isEncrypted()) {
    yield errorItem(path, "encrypted entry: not supported");
    return;
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    yield errorItem(path, `unsupported compression method ${entry.compressionMethod}`);
    return;
  }
  const { maxExpansionRatio, maxLeafBytes } = ctx.limits;
  // Refuse declared bombs before inflating a byte; the guard below catches headers that lie.
  if (
    entry.compressionMethod === 8 &&
    entry.uncompressedSize > RATIO_CHECK_FLOOR_BYTES &&
    entry.uncompressedSize > maxExpansionRatio * Math.max(1, entry.compressedSize)
  ) {
    yield errorItem(path, `expansion ratio above ${maxExpansionRatio}:1 (zip bomb?)`);
    return;
  }

  let raw: Readable;
  try {
    raw = await openEntryStream(zip, entry);
  } catch (error) {
    ctx.rethrowIfFatal(error);
    yield errorItem(path, `corrupt zip entry: ${errorMessage(error)}`);
    return;
  }
  const guard = new ByteGuard({
    maxBytes: maxLeafBytes,
    maxRatio: maxExpansionRatio,
    compressedBytes: entry.compressionMethod === 8 ? () => entry.compressedSize : null,
    expectedCrc32: entry.crc32,
    onBytes: (bytes) => ctx.addExpanded(path, bytes),
    signal: ctx.signal,
  });
  pipeline(raw, guard, () => {});

  if (entry.uncompressedSize <= VERIFY_IN_MEMORY_MAX_BYTES && entry.uncompressedSize <= maxLeafBytes) {
    let buffer: Buffer;
    try {
      buffer = await readAll(guard);
    } catch (error) {
      ctx.rethrowIfFatal(error);
      yield errorItem(path, zipEntryFailure(error));
      return;
    }
    yield* walkMember(
      ctx,
      {
        display: path,
        storedBytes: buffer.length,
        origin: "zip-member",
        reopenable: true,
        open: () => bufferStream(buffer),
        zipAccess: { kind: "buffer", buffer },
        discard: () => {},
        liftLeafLimit: () => {},
      },
      level,
    );
    return;
  }

  yield* walkMember(
    ctx,
    {
      display: path,
      storedBytes: entry.uncompressedSize,
      origin: "zip-member",
      reopenable: false,
      open: () => guard,
      zipAccess: null,
      discard: () => guard.destroy(),
      liftLeafLimit: () => {
        guard.maxBytes = Number.POSITIVE_INFINITY;
      },
    },
    level,
  );
}

/** Error text for a zip member that could not be read. */
export function zipEntryFailure(error: unknown): string {
  if (error instanceof EvidenceLimitError) return error.message;
  return `corrupt zip entry: ${errorMessage(error)}`;
}

const YAUZL_OPTIONS = {
  lazyEntries: true,
  validateEntrySizes: true,
  decodeStrings: false,
  strictFileNames: false,
} as const;

function openZip(access: ZipAccess): Promise<yauzl.ZipFile> {
  if (access.kind === "buffer") {
    return new Promise((resolve, reject) => {
      yauzl.fromBuffer(access.buffer, YAUZL_OPTIONS, (error, zip) => (error ? reject(error) : resolve(zip)));
    });
  }
  return new Promise((resolve, reject) => {
    // O_NOFOLLOW: the file was lstat-ed as regular; refuse it if it was swapped for a symlink since.
    open(access.path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW, (openError, fd) => {
      if (openError) return reject(openError);
      yauzl.fromFd(fd, { ...YAUZL_OPTIONS, autoClose: true }, (error, zip) => {
        if (error) {
          close(fd, () => {});
          return reject(error);
        }
        resolve(zip);
      });
    });
  });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await nextChunk(stream);
    if (chunk === null) return Buffer.concat(chunks);
    chunks.push(chunk);
  }
}

/** Re-readable stream over an in-memory member, in modest chunks like a file stream would give. */
function bufferStream(buffer: Buffer): Readable {
  const CHUNK = 64 * 1024;
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= buffer.length) {
        this.push(null);
        return;
      }
      const end = Math.min(buffer.length, offset + CHUNK);
      this.push(buffer.subarray(offset, end));
      offset = end;
    },
  });
}
