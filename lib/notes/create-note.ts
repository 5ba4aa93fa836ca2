import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { selectNote, toNoteItem, type NoteItem } from "@/lib/notes/note-item";
import { ZCreateNoteInput, type TCreateNoteInput } from "@/lib/notes/note-schemas";
import { requireEventInCase } from "@/lib/notes/require-event-in-case";

/** Adds a note to an event of the case, or to the case (eventId null); audited in the same transaction. */
export async function createNote(scope: CaseScope, input: TCreateNoteInput): Promise<NoteItem> {
  if (!can(scope.role, "bookmarks:write")) throw new AppError("NOT_FOUND");
  const data = ZCreateNoteInput.parse(input);
  if (data.eventId !== null) await requireEventInCase(scope, data.eventId);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.note.create({
      data: { caseId: scope.caseId, eventId: data.eventId, authorId: scope.userId, body: data.body },
      select: selectNote,
    });
    await recordAudit(
      {
        action: "note.create",
        actorId: scope.userId,
        caseId: scope.caseId,
        targetType: "note",
        targetId: created.id,
        detail: { eventId: data.eventId, length: data.body.length },
      },
      tx,
    );
    return created;
  });
  return toNoteItem(scope, row);
}
