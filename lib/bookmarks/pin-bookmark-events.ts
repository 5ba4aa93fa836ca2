import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertEventsInCase } from "@/lib/bookmarks/assert-events-in-case";
import type { BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { bookmarkNotYours, editableBookmarkWhere } from "@/lib/bookmarks/bookmark-rights";
import { getBookmark } from "@/lib/bookmarks/get-bookmark";
import { MAX_PINNED_EVENTS, ZPinEventIds } from "@/lib/bookmarks/schemas";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Pins events of the case to the scope user's own bookmark, after the ones already pinned (an id
 * pinned twice stays once). One UPDATE computes the new array from the row it locks, so concurrent
 * pins and unpins never lose each other's changes.
 */
export async function pinBookmarkEvents(scope: CaseScope, bookmarkId: string, eventIds: string[]): Promise<BookmarkItem> {
  const where = editableBookmarkWhere(scope, bookmarkId);
  const ids = ZPinEventIds.parse(eventIds);
  await assertEventsInCase(scope, ids);
  try {
    const { rowCount } = await getPool().query(
      `UPDATE bookmarks b
          SET pinned_event_ids = b.pinned_event_ids || ARRAY(
                SELECT u.id FROM unnest($4::text[]) WITH ORDINALITY AS u(id, n)
                 WHERE u.id <> ALL (b.pinned_event_ids) ORDER BY u.n),
              updated_at = CURRENT_TIMESTAMP
        WHERE b.id = $1 AND b.case_id = $2 AND b.created_by_id = $3`,
      [where.id, where.caseId, where.createdById, ids],
    );
    if (rowCount === 0) throw bookmarkNotYours();
  } catch (err) {
    if ((err as { constraint?: string }).constraint === "bookmarks_pinned_event_ids_check") {
      throw new AppError("INVALID_INPUT", `A bookmark pins at most ${MAX_PINNED_EVENTS} events.`);
    }
    throw err;
  }
  await recordAudit({ action: "bookmark.update", actorId: scope.userId, caseId: scope.caseId, targetType: "bookmark", targetId: bookmarkId, detail: { pinned: ids } });
  return getBookmark(scope, bookmarkId);
}
