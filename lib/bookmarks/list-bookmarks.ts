import type { CaseScope } from "@/lib/auth/case-scope";
import { selectBookmark, toBookmarkItem, type BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { db } from "@/lib/db/client";

/** The case's bookmarks, newest first, with their creator's name and what the scope's user may do. */
export async function listBookmarks(scope: CaseScope): Promise<BookmarkItem[]> {
  const rows = await db.bookmark.findMany({
    where: { caseId: scope.caseId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: selectBookmark,
  });
  return rows.map((row) => toBookmarkItem(scope, row));
}
