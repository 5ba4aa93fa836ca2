import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { deletableNoteWhere, noteNotYours } from "@/lib/notes/note-rights";

/** Deletes the scope user's own note, or, for the case lead, any note of the case; audited in the same transaction. */
export async function deleteNote(scope: CaseScope, noteId: string): Promise<{ id: string; eventId: string | null }> {
  const where = deletableNoteWhere(scope, noteId);
  return db.$transaction(async (tx) => {
    const found = await tx.note.findFirst({ where, select: { id: true, eventId: true, authorId: true } });
    if (!found) throw noteNotYours();
    await tx.note.deleteMany({ where: { id: found.id, caseId: scope.caseId } });
    await recordAudit(
      {
        action: "note.delete",
        actorId: scope.userId,
        caseId: scope.caseId,
        targetType: "note",
        targetId: found.id,
        detail: { eventId: found.eventId, authorId: found.authorId },
      },
      tx,
    );
    return { id: found.id, eventId: found.eventId };
  });
}
