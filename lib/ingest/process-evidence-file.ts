// Turns one leaf file's bytes into what commit-batch stores: its kind, its normalised events, and
// what could not be read. Pure (no database, no disk): the CPU-heavy step, kept apart so it can move
// to worker threads.
import { decodeEvidenceBytes, parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";
import { normalizeEvent } from "@/lib/cloudtrail/normalize-event";
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { recordSearchText } from "@/lib/cloudtrail/record-search-text";

export type ProcessedFile = {
  kind: "events" | "digest" | "rejected";
  format: string | null;
  /** Every record seen in the file, kept or rejected. */
  records: number;
  rejected: number;
  problem: string | null;
  /** Normalised rows, each with its position in the file and the free-text remainder of the record. */
  rows: { row: EventRow; position: number; searchText: string | null }[];
};

// How many record-level reasons one file's problem text names before it summarises.
const MAX_REASONS = 3;

export function processEvidenceFile(bytes: Uint8Array, path: string, maxDecodedBytes?: number): ProcessedFile {
  const decoded = decodeEvidenceBytes(bytes, maxDecodedBytes === undefined ? undefined : { maxOutputLength: maxDecodedBytes });
  if ("error" in decoded) return rejected(decoded.error);
  const parsed = parseEvidenceText(decoded.text, path);
  if (parsed.kind === "not-cloudtrail") return rejected(parsed.reason);
  if (parsed.kind === "digest") {
    return { kind: "digest", format: "digest", records: 0, rejected: 0, problem: null, rows: [] };
  }
  const rows = parsed.records.map((r) => ({ row: normalizeEvent(r.value), position: r.position, searchText: recordSearchText(r.value) }));
  const records = parsed.records.length + parsed.errors.length;
  let problem: string | null = null;
  if (parsed.errors.length > 0) {
    const named = parsed.errors
      .slice(0, MAX_REASONS)
      .map((e) => `${e.line !== null ? `line ${e.line}` : `record ${e.position + 1}`}: ${e.reason}`);
    const more = parsed.errors.length > MAX_REASONS ? `; and ${parsed.errors.length - MAX_REASONS} more` : "";
    problem = `${parsed.errors.length} of ${records} records rejected (${named.join("; ")}${more})`;
  }
  return { kind: "events", format: parsed.format, records, rejected: parsed.errors.length, problem, rows };
}

function rejected(reason: string): ProcessedFile {
  return { kind: "rejected", format: null, records: 0, rejected: 0, problem: reason, rows: [] };
}
