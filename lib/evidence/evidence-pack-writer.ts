// Evidence files found during an ingest are kept verbatim by appending them to pack files
// (<data>/evidence/packs/<uuid>.pack), each file located by (pack, offset, size) and named by its
// sha256 in evidence_files. One sequential write per few MB instead of one file created per evidence
// file: an S3 trail has tens of thousands of small delivery files, and creating a file each cost ~1 ms,
// the largest single cost of an ingest. Packs are append-only and never rewritten.
import { randomUUID } from "node:crypto";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";

const BUFFER_BYTES = 8 * 1024 * 1024;
const PACK_MAX_BYTES = 1024 * 1024 * 1024;

export type PackLocation = { pack: string; offset: number };

export class EvidencePackWriter {
  private handle: FileHandle | null = null;
  private name = "";
  private written = 0; // bytes of the current pack on disk or buffered
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private diskOffset = 0; // where the next flushed chunk goes
  // Writes are queued in order and at explicit positions, so a sync() running while append() flushes
  // can neither reorder nor miss bytes.
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  /** Reserves the file's place; the bytes reach the disk by the next sync() at the latest. */
  async append(bytes: Uint8Array): Promise<PackLocation> {
    if (!this.handle || this.written + bytes.byteLength > PACK_MAX_BYTES) await this.rollOver();
    const location = { pack: this.name, offset: this.written };
    this.pending.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.pendingBytes += bytes.byteLength;
    this.written += bytes.byteLength;
    if (this.pendingBytes >= BUFFER_BYTES) await this.flush();
    return location;
  }

  /** Makes everything appended so far durable. Called before the rows that point at it are committed. */
  async sync(): Promise<void> {
    await this.flush();
    await this.writes;
    await this.handle?.datasync();
  }

  async close(): Promise<void> {
    await this.sync();
    await this.handle?.close();
    this.handle = null;
  }

  private async flush(): Promise<void> {
    const handle = this.handle;
    if (!handle || this.pendingBytes === 0) return;
    // writev: the buffered files go out as they are, without concatenating them into one more copy.
    const chunks = this.pending;
    const length = this.pendingBytes;
    const position = this.diskOffset;
    this.diskOffset += length;
    this.pending = [];
    this.pendingBytes = 0;
    const write = this.writes.then(async () => {
      let written = (await handle.writev(chunks, position)).bytesWritten;
      // A short write (the disk filling up) is continued, so that the error names its cause (ENOSPC).
      if (written < length) {
        const all = Buffer.concat(chunks);
        while (written < length) {
          const { bytesWritten } = await handle.write(all, written, length - written, position + written);
          if (bytesWritten === 0) throw new Error(`short write to evidence pack ${this.name}: ${written} of ${length} bytes`);
          written += bytesWritten;
        }
      }
    });
    this.writes = write.catch(() => undefined);
    await write;
  }

  private async rollOver(): Promise<void> {
    if (this.handle) await this.close();
    const dir = path.join(this.dataDir, "evidence", "packs");
    await mkdir(dir, { recursive: true });
    this.name = `${randomUUID()}.pack`;
    // "wx": a pack is only ever created, never reopened for writing.
    this.handle = await open(path.join(dir, this.name), "wx", 0o444);
    this.written = 0;
    this.diskOffset = 0;
  }
}

export function evidencePackPath(dataDir: string, pack: string): string {
  if (!/^[0-9a-f-]{36}\.pack$/.test(pack)) throw new Error(`not a pack name: ${pack}`);
  return path.join(dataDir, "evidence", "packs", pack);
}
