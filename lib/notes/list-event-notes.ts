import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { selectNote, toNoteItem, type NoteItem } from "@/lib/notes/note-item";

/** The notes on one event of the case, oldest first (a conversation); another case's event has none here. */
export async function listEventNotes(scope: CaseScope, eventId: string): Promise<NoteItem[]> {
  const rows = await db.note.findMany({
    where: { caseId: scope.caseId, eventId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: selectNote,
  });
  return rows.map((row) => toNoteItem(scope, row));
}
