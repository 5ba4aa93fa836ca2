import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import type { BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { bookmarkNotYours, editableBookmarkWhere } from "@/lib/bookmarks/bookmark-rights";
import { getBookmark } from "@/lib/bookmarks/get-bookmark";
import { ZUpdateBookmarkInput, zBookmarkView, type TUpdateBookmarkInput } from "@/lib/bookmarks/schemas";
import { db } from "@/lib/db/client";

/** Changes the title and note (and the view, when given) of the scope user's own bookmark. */
export async function updateBookmark(scope: CaseScope, bookmarkId: string, input: TUpdateBookmarkInput): Promise<BookmarkItem> {
  const where = editableBookmarkWhere(scope, bookmarkId);
  const data = ZUpdateBookmarkInput.extend({ view: zBookmarkView(scope.caseId).optional() }).parse(input);
  const { count } = await db.bookmark.updateMany({
    where,
    data: { title: data.title, note: data.note, ...(data.view === undefined ? {} : { view: data.view }) },
  });
  if (count === 0) throw bookmarkNotYours();
  await recordAudit({ action: "bookmark.update", actorId: scope.userId, caseId: scope.caseId, targetType: "bookmark", targetId: bookmarkId, detail: { title: data.title, view: data.view !== undefined } });
  return getBookmark(scope, bookmarkId);
}
