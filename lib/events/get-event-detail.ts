import type { CaseScope } from "@/lib/auth/case-scope";
import { decodeEvidenceBytes, parseEvidenceText } from "@/lib/cloudtrail/parse-evidence-text";
import { db } from "@/lib/db/client";
import type { Event } from "@/lib/db/generated/client";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";

export type EventDetail = {
  event: Event;
  /** The verbatim record, re-read from its evidence file (sha256-checked), or why it could not be. */
  raw: { ok: true; json: string } | { ok: false; reason: string };
  provenance: { path: string; sha256: string | null; size: number; position: number; format: string | null; runLabel: string; ingestedAt: Date };
};

/** One event of the case with its verbatim record and provenance. Both lookups are scoped to the case. */
export async function getEventDetail(scope: CaseScope, eventId: string): Promise<EventDetail> {
  const event = await db.event.findUnique({ where: { caseId_eventId: { caseId: scope.caseId, eventId } } });
  if (!event) throw new AppError("NOT_FOUND");
  const file = await db.evidenceFile.findFirst({
    where: { id: event.evidenceFileId, caseId: scope.caseId },
    select: { path: true, sha256: true, size: true, pack: true, packOffset: true, format: true, createdAt: true, ingestRun: { select: { sourceLabel: true } } },
  });
  if (!file) throw new AppError("NOT_FOUND");
  const provenance = {
    path: file.path,
    sha256: file.sha256,
    size: Number(file.size),
    position: event.position,
    format: file.format,
    runLabel: file.ingestRun.sourceLabel,
    ingestedAt: file.createdAt,
  };
  return { event, raw: await readRawRecord(file, event.position), provenance };
}

async function readRawRecord(
  file: { sha256: string | null; size: bigint; pack: string | null; packOffset: bigint | null; path: string },
  position: number,
): Promise<EventDetail["raw"]> {
  try {
    const bytes = await readEvidenceFile(env.TRAILBENCH_DATA_DIR, {
      sha256: file.sha256,
      size: Number(file.size),
      pack: file.pack,
      packOffset: file.packOffset === null ? null : Number(file.packOffset),
    });
    const decoded = decodeEvidenceBytes(bytes);
    if ("error" in decoded) return { ok: false, reason: decoded.error };
    const parsed = parseEvidenceText(decoded.text, file.path);
    if (parsed.kind !== "events") return { ok: false, reason: "the evidence file no longer parses as CloudTrail" };
    const record = parsed.records.find((r) => r.position === position);
    if (!record) return { ok: false, reason: `no record at position ${position} of ${file.path}` };
    return { ok: true, json: JSON.stringify(record.value, null, 2) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}
