import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { bookmarkNotYours, deletableBookmarkWhere } from "@/lib/bookmarks/bookmark-rights";
import { db } from "@/lib/db/client";

/** Deletes the scope user's own bookmark, or, for the case lead, any bookmark of the case. */
export async function deleteBookmark(scope: CaseScope, bookmarkId: string): Promise<{ id: string }> {
  const { count } = await db.bookmark.deleteMany({ where: deletableBookmarkWhere(scope, bookmarkId) });
  if (count === 0) throw bookmarkNotYours();
  await recordAudit({ action: "bookmark.delete", actorId: scope.userId, caseId: scope.caseId, targetType: "bookmark", targetId: bookmarkId });
  return { id: bookmarkId };
}
