import type { CaseScope } from "@/lib/auth/case-scope";
import { decodeEvidenceBytes, parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";

/** One verbatim record re-read from its evidence file, or why it could not be. */
export type RawRecordResult = { ok: true; record: Record<string, unknown> } | { ok: false; reason: string };

/** Where an evidence file's bytes are kept, as stored in `evidence_files`. */
export type EvidenceFileLocation = { path: string; sha256: string | null; size: bigint | number; pack: string | null; packOffset: bigint | number | null };

/**
 * The records at `positions` of one evidence file: the file is read (sha256-checked), decoded and
 * parsed once, whatever the number of positions. A failure (missing or altered bytes, a file that no
 * longer parses) is the same reason for every position; a position that is not there is its own.
 */
export async function readRecordsFromEvidenceFile(file: EvidenceFileLocation, positions: readonly number[]): Promise<Map<number, RawRecordResult>> {
  const results = new Map<number, RawRecordResult>();
  const failAll = (reason: string) => {
    for (const p of positions) results.set(p, { ok: false, reason });
    return results;
  };
  let parsed: ReturnType<typeof parseEvidenceText>;
  try {
    const bytes = await readEvidenceFile(env.TRAILBENCH_DATA_DIR, {
      sha256: file.sha256,
      size: Number(file.size),
      pack: file.pack,
      packOffset: file.packOffset === null ? null : Number(file.packOffset),
    });
    const decoded = decodeEvidenceBytes(bytes);
    if ("error" in decoded) return failAll(decoded.error);
    parsed = parseEvidenceText(decoded.text, file.path);
  } catch (err) {
    return failAll((err as Error).message);
  }
  if (parsed.kind !== "events") return failAll("the evidence file no longer parses as CloudTrail");
  const wanted = new Set(positions);
  for (const record of parsed.records) if (wanted.has(record.position)) results.set(record.position, { ok: true, record: record.value });
  for (const p of positions) if (!results.has(p)) results.set(p, { ok: false, reason: `no record at position ${p} of ${file.path}` });
  return results;
}

type LocatedRow = { event_id: string; position: number; file_id: string; path: string; sha256: string | null; size: string; pack: string | null; pack_offset: string | null };

/**
 * The verbatim records of some of the case's events, by event id, each evidence file read once for all
 * the events it holds (a page of 500 events of one trail typically comes from a few dozen files).
 * Unknown ids, and ids of other cases, are absent from the result; both lookups are scoped to the case.
 */
export async function readRawRecords(scope: CaseScope, eventIds: readonly string[]): Promise<Map<string, RawRecordResult>> {
  return unsafeReadCaseRawRecords(scope.caseId, eventIds);
}

/** readRawRecords for the worker's jobs, which hold a case id they read from their own payload, not a scope. */
export async function unsafeReadCaseRawRecords(caseId: string, eventIds: readonly string[]): Promise<Map<string, RawRecordResult>> {
  const out = new Map<string, RawRecordResult>();
  if (eventIds.length === 0) return out;
  const { rows } = await getPool().query<LocatedRow>(
    `SELECT e.event_id, e.position, f.id AS file_id, f.path, f.sha256, f.size::text AS size, f.pack, f.pack_offset::text AS pack_offset
       FROM events e JOIN evidence_files f ON f.id = e.evidence_file_id AND f.case_id = e.case_id
      WHERE e.case_id = $1 AND e.event_id = ANY($2::text[])`,
    [caseId, [...eventIds]],
  );
  const byFile = new Map<string, LocatedRow[]>();
  for (const row of rows) {
    const group = byFile.get(row.file_id);
    if (group) group.push(row);
    else byFile.set(row.file_id, [row]);
  }
  for (const located of byFile.values()) {
    const first = located[0]!;
    const file = { path: first.path, sha256: first.sha256, size: BigInt(first.size), pack: first.pack, packOffset: first.pack_offset === null ? null : BigInt(first.pack_offset) };
    const records = await readRecordsFromEvidenceFile(file, located.map((r) => r.position));
    for (const row of located) out.set(row.event_id, records.get(row.position) ?? { ok: false, reason: "not read" });
  }
  return out;
}
