import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import type { Event } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { readRecordsFromEvidenceFile } from "@/lib/events/read-raw-records";

export type EventDetail = {
  event: Event;
  /** The verbatim record, re-read from its evidence file (sha256-checked), or why it could not be. */
  raw: { ok: true; json: string } | { ok: false; reason: string };
  provenance: { path: string; sha256: string | null; size: number; position: number; format: string | null; runLabel: string; ingestedAt: Date };
};

/** One event of the case with its verbatim record and provenance. Both lookups are scoped to the case. */
export async function getEventDetail(scope: CaseScope, eventId: string): Promise<EventDetail> {
  // PostgreSQL text cannot hold NUL, so no stored event has such an id (and the query would fail).
  if (eventId.includes("\u0000")) throw new AppError("NOT_FOUND");
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
  const raw = (await readRecordsFromEvidenceFile(file, [event.position])).get(event.position);
  return { event, raw: raw?.ok ? { ok: true, json: JSON.stringify(raw.record, null, 2) } : { ok: false, reason: raw?.reason ?? "not read" }, provenance };
}
