// Who may change a bookmark, in one place: writing needs `bookmarks:write` (lead, investigator); only
// the creator edits a bookmark (title, note, view, pins), because it is their reading of the evidence;
// the creator or the case lead deletes it (the lead curates what the report is built from). The same
// rule serves the page (which buttons to show) and the where clauses (what a write can touch).
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/auth/case-scope";
import { AppError } from "@/lib/errors";

export type BookmarkRights = { canEdit: boolean; canDelete: boolean };

export function bookmarkRights(scope: CaseScope, createdById: string | null): BookmarkRights {
  const writes = can(scope.role, "bookmarks:write");
  const own = scope.userId !== null && createdById === scope.userId;
  return { canEdit: writes && own, canDelete: writes && (own || scope.role === "lead") };
}

const NOT_YOURS = "No such bookmark, or it is not yours to change.";

/**
 * The where clause of an edit: this case's bookmark `bookmarkId`, created by the scope's user.
 * NOT_FOUND, before any query, for a scope that cannot write bookmarks or has no user (the CLI
 * operator never owns one) and for a malformed id.
 */
export function editableBookmarkWhere(scope: CaseScope, bookmarkId: string): { id: string; caseId: string; createdById: string } {
  if (!can(scope.role, "bookmarks:write") || scope.userId === null || !isUuid(bookmarkId)) throw new AppError("NOT_FOUND", NOT_YOURS);
  return { id: bookmarkId, caseId: scope.caseId, createdById: scope.userId };
}

/** The where clause of a delete: the creator's own bookmark, or any bookmark of the case for its lead. */
export function deletableBookmarkWhere(scope: CaseScope, bookmarkId: string): { id: string; caseId: string; createdById?: string } {
  if (scope.role === "lead" && isUuid(bookmarkId)) return { id: bookmarkId, caseId: scope.caseId };
  return editableBookmarkWhere(scope, bookmarkId);
}

/** The message of every NOT_FOUND above, for writes whose where clause matched nothing. */
export function bookmarkNotYours(): AppError {
  return new AppError("NOT_FOUND", NOT_YOURS);
}
