import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { assertEventsInCase } from "@/lib/bookmarks/assert-events-in-case";
import { selectBookmark, toBookmarkItem, type BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { ZCreateBookmarkInput, zBookmarkView, type TCreateBookmarkInput } from "@/lib/bookmarks/schemas";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Saves a view of the case with a title, a note and optionally pinned events of the case. */
export async function createBookmark(scope: CaseScope, input: TCreateBookmarkInput): Promise<BookmarkItem> {
  if (!can(scope.role, "bookmarks:write")) throw new AppError("NOT_FOUND");
  const data = ZCreateBookmarkInput.extend({ view: zBookmarkView(scope.caseId) }).parse(input);
  await assertEventsInCase(scope, data.pinnedEventIds);
  const row = await db.bookmark.create({
    data: {
      caseId: scope.caseId,
      createdById: scope.userId,
      title: data.title,
      note: data.note,
      view: data.view,
      pinnedEventIds: data.pinnedEventIds,
    },
    select: selectBookmark,
  });
  await recordAudit({
    action: "bookmark.create",
    actorId: scope.userId,
    caseId: scope.caseId,
    targetType: "bookmark",
    targetId: row.id,
    detail: { title: data.title, pinnedEvents: data.pinnedEventIds.length },
  });
  return toBookmarkItem(scope, row);
}
