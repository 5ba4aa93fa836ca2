import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { selectNote, toNoteItem, type NoteItem } from "@/lib/notes/note-item";

/** The notes on the case itself (not on an event), oldest first. */
export async function listCaseNotes(scope: CaseScope): Promise<NoteItem[]> {
  const rows = await db.note.findMany({
    where: { caseId: scope.caseId, eventId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: selectNote,
  });
  return rows.map((row) => toNoteItem(scope, row));
}
