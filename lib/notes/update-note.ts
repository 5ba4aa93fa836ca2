import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { selectNote, toNoteItem, type NoteItem } from "@/lib/notes/note-item";
import { editableNoteWhere, noteNotYours } from "@/lib/notes/note-rights";
import { ZNoteBody } from "@/lib/notes/note-schemas";

/** Replaces the body of the scope user's own note and marks it edited; audited in the same transaction. */
export async function updateNote(scope: CaseScope, noteId: string, body: string): Promise<NoteItem> {
  const where = editableNoteWhere(scope, noteId);
  const text = ZNoteBody.parse(body);
  const row = await db.$transaction(async (tx) => {
    const { count } = await tx.note.updateMany({ where, data: { body: text, edited: true } });
    if (count === 0) throw noteNotYours();
    const updated = await tx.note.findFirstOrThrow({ where: { id: noteId, caseId: scope.caseId }, select: selectNote });
    await recordAudit(
      {
        action: "note.update",
        actorId: scope.userId,
        caseId: scope.caseId,
        targetType: "note",
        targetId: noteId,
        detail: { eventId: updated.eventId, length: text.length },
      },
      tx,
    );
    return updated;
  });
  return toNoteItem(scope, row);
}
