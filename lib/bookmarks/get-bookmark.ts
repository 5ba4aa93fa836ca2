import type { CaseScope } from "@/lib/auth/case-scope";
import { isUuid } from "@/lib/auth/case-scope";
import { selectBookmark, toBookmarkItem, type BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** One bookmark of the case; another case's bookmark id is NOT_FOUND, like a missing one. */
export async function getBookmark(scope: CaseScope, bookmarkId: string): Promise<BookmarkItem> {
  if (!isUuid(bookmarkId)) throw new AppError("NOT_FOUND");
  const row = await db.bookmark.findFirst({ where: { id: bookmarkId, caseId: scope.caseId }, select: selectBookmark });
  if (!row) throw new AppError("NOT_FOUND");
  return toBookmarkItem(scope, row);
}
