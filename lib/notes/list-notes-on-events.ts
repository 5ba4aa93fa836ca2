import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { selectNote, toNoteItem, type NoteItem } from "@/lib/notes/note-item";

export type EventNoteItem = NoteItem & {
  eventId: string;
  /** The event's name and time, for the link text; null when the event is not (or no longer) in the case. */
  event: { eventName: string | null; eventTime: Date | null } | null;
};

export const EVENT_NOTES_LIMIT = 500;

/**
 * The case's notes on events, newest first (at most `limit`), each with its event's name and time read
 * inside the case, for the Notes tab. `total` counts them all.
 */
export async function listNotesOnEvents(scope: CaseScope, opts: { limit?: number } = {}): Promise<{ notes: EventNoteItem[]; total: number }> {
  const limit = Math.min(Math.max(opts.limit ?? EVENT_NOTES_LIMIT, 1), EVENT_NOTES_LIMIT);
  const where = { caseId: scope.caseId, eventId: { not: null } };
  const [rows, total] = await Promise.all([
    db.note.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, select: selectNote }),
    db.note.count({ where }),
  ]);
  const ids = [...new Set(rows.map((r) => r.eventId).filter((id): id is string => id !== null))];
  const events = ids.length
    ? await db.event.findMany({ where: { caseId: scope.caseId, eventId: { in: ids } }, select: { eventId: true, eventName: true, eventTime: true } })
    : [];
  const byId = new Map(events.map((e) => [e.eventId, { eventName: e.eventName, eventTime: e.eventTime }]));
  const notes = rows.flatMap((row) => (row.eventId === null ? [] : [{ ...toNoteItem(scope, row), eventId: row.eventId, event: byId.get(row.eventId) ?? null }]));
  return { notes, total };
}
