// Who may change a note, in one place (the same rule as bookmarks, lib/bookmarks/bookmark-rights.ts):
// writing needs `bookmarks:write` (lead, investigator; viewers read); only the author edits a note, because
// it is their reading of the evidence; the author or the case lead deletes it. The same rule serves the
// page (which buttons to show) and the where clauses (what a write can touch).
import type { CaseScope } from "@/lib/auth/case-scope";
import { isUuid } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export type NoteRights = { canEdit: boolean; canDelete: boolean };

const NOT_YOURS = "No such note, or it is not yours to change.";

export function noteRights(scope: CaseScope, authorId: string | null): NoteRights {
  const writes = can(scope.role, "bookmarks:write");
  const own = scope.userId !== null && authorId === scope.userId;
  return { canEdit: writes && own, canDelete: writes && (own || scope.role === "lead") };
}

/** The where clause of an edit: this case's note `noteId`, written by the scope's user; NOT_FOUND before any query otherwise. */
export function editableNoteWhere(scope: CaseScope, noteId: string): { id: string; caseId: string; authorId: string } {
  if (!can(scope.role, "bookmarks:write") || scope.userId === null || !isUuid(noteId)) throw new AppError("NOT_FOUND", NOT_YOURS);
  return { id: noteId, caseId: scope.caseId, authorId: scope.userId };
}

/** The where clause of a delete: the author's own note, or any note of the case for its lead. */
export function deletableNoteWhere(scope: CaseScope, noteId: string): { id: string; caseId: string; authorId?: string } {
  if (scope.role === "lead" && isUuid(noteId)) return { id: noteId, caseId: scope.caseId };
  return editableNoteWhere(scope, noteId);
}

/** The message of every NOT_FOUND above, for writes whose where clause matched nothing. */
export function noteNotYours(): AppError {
  return new AppError("NOT_FOUND", NOT_YOURS);
}
