import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import type { BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { bookmarkNotYours, editableBookmarkWhere } from "@/lib/bookmarks/bookmark-rights";
import { getBookmark } from "@/lib/bookmarks/get-bookmark";
import { ZPinEventIds } from "@/lib/bookmarks/schemas";
import { getPool } from "@/lib/db/client";

/** Unpins events from the scope user's own bookmark, keeping the others in their order. Ids not pinned are ignored. */
export async function unpinBookmarkEvents(scope: CaseScope, bookmarkId: string, eventIds: string[]): Promise<BookmarkItem> {
  const where = editableBookmarkWhere(scope, bookmarkId);
  const ids = ZPinEventIds.parse(eventIds);
  const { rowCount } = await getPool().query(
    `UPDATE bookmarks b
        SET pinned_event_ids = ARRAY(
              SELECT p.id FROM unnest(b.pinned_event_ids) WITH ORDINALITY AS p(id, n)
               WHERE p.id <> ALL ($4::text[]) ORDER BY p.n),
            updated_at = CURRENT_TIMESTAMP
      WHERE b.id = $1 AND b.case_id = $2 AND b.created_by_id = $3`,
    [where.id, where.caseId, where.createdById, ids],
  );
  if (rowCount === 0) throw bookmarkNotYours();
  await recordAudit({ action: "bookmark.update", actorId: scope.userId, caseId: scope.caseId, targetType: "bookmark", targetId: bookmarkId, detail: { unpinned: ids } });
  return getBookmark(scope, bookmarkId);
}
