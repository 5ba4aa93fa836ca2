import { createWriteStream } from "node:fs";
import { once } from "node:events";
import * as tar from "tar-stream";
import { constants as zlibConstants, crc32, deflateRawSync, gzipSync } from "node:zlib";

/**
 * Builds archives for tests at run time, so no binary fixture is committed and every hostile
 * variant (path traversal, symlinks, bad CRC, bombs, truncation) is visible in the test source.
 */

export type ZipEntrySpec = {
  /** Written verbatim: "../evil.json" and "/etc/passwd" are allowed on purpose. */
  name: string;
  data?: Buffer | string;
  method?: "store" | "deflate";
  /** Unix mode written into the high 16 bits of the external attributes (e.g. 0o120777 = symlink). */
  unixMode?: number;
  /** Overrides the CRC-32 in both headers, to make a corrupt member. */
  crc32?: number;
  /** Overrides the declared uncompressed size in both headers (a lying bomb). */
  declaredSize?: number;
  /** Sets the "traditionally encrypted" flag and adds the 12-byte header (the data is not really encrypted). */
  encrypted?: boolean;
  /** Replaces the stored data with bytes that are not a valid deflate stream. */
  garbageData?: boolean;
};

/** A minimal PKZIP writer (no zip64, no data descriptors): just enough to craft hostile archives. */
export function makeZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const data = Buffer.isBuffer(spec.data) ? spec.data : Buffer.from(spec.data ?? "", "utf8");
    const method = spec.method === "store" ? 0 : 8;
    let stored = method === 8 ? deflateRawSync(data, { level: 6 }) : data;
    if (spec.garbageData) stored = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02, 0x03]);
    // Traditional PKWARE encryption prefixes the data with a 12-byte header (yauzl checks the size).
    if (spec.encrypted) stored = Buffer.concat([Buffer.alloc(12, 0x5a), stored]);
    const name = Buffer.from(spec.name, "utf8");
    const crc = spec.crc32 ?? crc32(data);
    const size = spec.declaredSize ?? data.length;
    const flags = 0x0800 | (spec.encrypted ? 0x0001 : 0);
    const madeBy = spec.unixMode === undefined ? 20 : (3 << 8) | 20;
    const external = spec.unixMode === undefined ? 0 : (spec.unixMode << 16) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(madeBy, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(external, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A zip whose central directory points at garbage: opens, then fails on the first entry. */
export function makeZipWithCorruptCentralDirectory(): Buffer {
  const good = makeZip([{ name: "a.json", data: "{}" }]);
  const endOffset = good.length - 22;
  const directoryOffset = good.readUInt32LE(endOffset + 16);
  good.fill(0x41, directoryOffset, endOffset);
  return good;
}

export type TarEntrySpec = {
  name: string;
  data?: Buffer | string;
  type?: "file" | "symlink" | "link" | "directory" | "fifo" | "character-device";
  linkname?: string;
};

export async function makeTar(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = once(pack, "end");
  for (const spec of entries) {
    const type = spec.type ?? "file";
    const data = type === "file" ? Buffer.from(spec.data ?? "") : Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: spec.name, type, linkname: spec.linkname, size: data.length, mode: 0o644 }, data, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

export function gzip(data: Buffer | string): Buffer {
  return gzipSync(typeof data === "string" ? Buffer.from(data) : data);
}

/** Drops the last `bytes` bytes: a download or copy cut short. */
export function truncate(data: Buffer, bytes: number): Buffer {
  return data.subarray(0, data.length - bytes);
}

const ZERO_BLOCK_BYTES = 64 * 1024 * 1024;
let zeroMember: Buffer | null = null;

/**
 * One gzip member holding 64 MiB of zeros (~64 KiB). Concatenated members are one valid gzip
 * stream, so a multi-GB bomb costs a single small compression and a few MB of disk.
 */
function gzipOfZeros(): Buffer {
  zeroMember ??= gzipSync(Buffer.alloc(ZERO_BLOCK_BYTES), { level: zlibConstants.Z_BEST_COMPRESSION });
  return zeroMember;
}

/**
 * Writes a gzip bomb to `path`: `zeroBytes` of zeros (a multiple of 64 MiB), optionally wrapped
 * as the single member `tarMemberName` of a tar (header and trailer as their own gzip members),
 * optionally followed by a small second tar member.
 */
export async function writeGzipBomb(
  path: string,
  zeroBytes: number,
  tarMember?: { name: string; after?: { name: string; data: string } },
): Promise<number> {
  if (zeroBytes % ZERO_BLOCK_BYTES !== 0) throw new Error("zeroBytes must be a multiple of 64 MiB");
  const out = createWriteStream(path);
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  let tail: Buffer | null = null;
  if (tarMember) {
    const header = tarHeaderFor(tarMember.name, zeroBytes);
    await write(gzipSync(header));
    const trailer = tarMember.after
      ? await makeTar([{ name: tarMember.after.name, data: tarMember.after.data }])
      : Buffer.alloc(1024);
    tail = gzipSync(trailer);
  }
  for (let i = 0; i < zeroBytes / ZERO_BLOCK_BYTES; i++) await write(gzipOfZeros());
  if (tail) await write(tail);
  out.end();
  await once(out, "close");
  return out.bytesWritten;
}

/** A ustar header for a regular file of `size` bytes (< 8 GiB), as GNU tar or tar-stream write it. */
export function tarHeaderFor(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, "0") + "\0";
  header.write(name, 0, 100, "utf8");
  header.write(octal(0o644, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(size, 12), 124, "ascii");
  header.write(octal(1_700_000_000, 12), 136, "ascii");
  header.write("        ", 148, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + " ", 148, "ascii");
  return header;
}
