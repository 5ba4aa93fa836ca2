// One evidence file, from bytes on disk (or in memory) to COPY-ready rows: read, hash, decode, parse,
// normalise, and write the events as binary COPY rows. The bytes go back with the result, to be appended to an
// evidence pack by the main thread (lib/evidence/evidence-pack-writer.ts). Runs in the ingest
// worker threads (parse-worker.ts), so the main thread only orchestrates and streams COPY buffers to
// PostgreSQL: parsing and normalising are the CPU-heavy part of an ingest.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { classifyHead } from "@/lib/evidence/detect-container";
import { copyBytes, copyField, int4Field, tupleStart, uuidField } from "@/lib/ingest/copy-binary";
import { EVENT_ROW_COLUMNS } from "@/lib/ingest/event-columns";
import { processEvidenceFile } from "@/lib/ingest/process-evidence-file";
import { eventContext } from "@/lib/ingest/event-context";
import { EVENT_CONTEXT_COLUMNS } from "@/lib/ingest/event-context-columns";

const NO_CONTEXT = EVENT_CONTEXT_COLUMNS.map(() => copyField("text", null)).join("");
/** EVENT_ROW_COLUMNS, case_id, evidence_file_id, position, search_text, then the context columns. */
const TUPLE_START = tupleStart(EVENT_ROW_COLUMNS.length + 4 + EVENT_CONTEXT_COLUMNS.length);

export type ParseTask = {
  caseId: string;
  /** Display path of the file within its source. */
  path: string;
  /** A regular file on disk to read; or else `bytes`. */
  diskPath?: string;
  /** The file was not sniffed by the walker: report zip / tar / tar.gz content as a container. */
  detectContainer?: boolean;
  bytes?: Uint8Array;
  maxBytes: number;
  /** Benchmark only (`bench:ingest --compare-context`): leave the IP and tool context empty. */
  withoutContext?: boolean;
};

export type ParsedFile = {
  id: string;
  path: string;
  sha256: string | null;
  size: number;
  kind: "events" | "digest" | "rejected";
  format: string | null;
  /** Every record seen in the file, kept or rejected. */
  records: number;
  rejected: number;
  problem: string | null;
  /** Events kept (rows in `copy`). */
  rowCount: number;
  /** The rows as binary COPY tuples (no header or trailer), columns as in commit-batch.ts's COPY_COLUMNS. */
  copy: Uint8Array | null;
  /** The file's bytes as stored, until they are appended to a pack. */
  raw: Uint8Array | null;
  /** Where the verbatim bytes are kept (set once appended). */
  pack: string | null;
  packOffset: number | null;
  /** The file is an archive to walk (only with `detectContainer`); nothing else in the result is set. */
  container?: boolean;
};

/** An archive to walk. A gzip head that does not inflate to a tar header cannot be a tar: a leaf, which
 *  the parser reports if it is corrupt. */
function isContainer(bytes: Uint8Array): boolean {
  return classifyHead(bytes.subarray(0, 4096)) === "container";
}

export function tooLargeReason(size: number, limit: number): string {
  return `file too large to parse as one document (more than ${limit} bytes, read ${size}); split it, or export it as JSON lines in smaller files`;
}

export async function parseEvidenceTask(task: ParseTask): Promise<ParsedFile> {
  const id = randomUUID();
  const base = { id, path: task.path, format: null, records: 0, rejected: 0, rowCount: 0, copy: null, raw: null, pack: null, packOffset: null };
  let bytes: Uint8Array;
  if (task.diskPath) {
    // Synchronous on purpose: this runs in a worker thread, where blocking is free and a thread-pool
    // round trip per file would leave the thread idle.
    const size = statSync(task.diskPath).size;
    if (size > task.maxBytes) return { ...base, sha256: null, size, kind: "rejected", problem: tooLargeReason(size, task.maxBytes) };
    bytes = readFileSync(task.diskPath);
  } else {
    bytes = task.bytes ?? new Uint8Array();
  }
  if (task.detectContainer && isContainer(bytes)) return { ...base, sha256: null, size: bytes.byteLength, kind: "rejected", problem: null, container: true };
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const processed = processEvidenceFile(bytes, task.path, task.maxBytes);
  let copy: Uint8Array | null = null;
  if (processed.rows.length > 0) {
    const ids = uuidField(task.caseId) + uuidField(id);
    let rows = "";
    for (const { row, position, searchText } of processed.rows) {
      const context = task.withoutContext ? NO_CONTEXT : eventContext(row);
      let tuple = TUPLE_START;
      for (let i = 0; i < EVENT_ROW_COLUMNS.length; i++) {
        const [field, , type] = EVENT_ROW_COLUMNS[i]!;
        tuple += copyField(type, row[field]);
      }
      rows += tuple + ids + int4Field(position) + copyField("text", searchText) + context;
    }
    copy = copyBytes(rows);
  }
  return {
    id,
    path: task.path,
    sha256,
    size: bytes.byteLength,
    kind: processed.kind,
    format: processed.format,
    records: processed.records,
    rejected: processed.rejected,
    problem: processed.problem,
    rowCount: processed.rows.length,
    copy,
    raw: bytes,
    pack: null,
    packOffset: null,
  };
}
