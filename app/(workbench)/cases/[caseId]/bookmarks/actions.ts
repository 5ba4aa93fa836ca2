"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { createBookmark } from "@/lib/bookmarks/create-bookmark";
import { deleteBookmark } from "@/lib/bookmarks/delete-bookmark";
import { pinBookmarkEvents } from "@/lib/bookmarks/pin-bookmark-events";
import { ZCreateBookmarkInput, ZEventId, ZUpdateBookmarkInput } from "@/lib/bookmarks/schemas";
import { unpinBookmarkEvents } from "@/lib/bookmarks/unpin-bookmark-events";
import { updateBookmark } from "@/lib/bookmarks/update-bookmark";

// The view is checked against the case in lib (createBookmark / updateBookmark), with the scope's case id.
const ZBookmarkRef = z.object({ caseId: z.string(), bookmarkId: z.string() });
const ZEventIds = z.object({ caseId: z.string(), bookmarkId: z.string(), eventIds: z.array(ZEventId) });
const bookmarksPage = (caseId: string) => `/cases/${caseId}/bookmarks`;

export const createBookmarkAction = caseAction(ZCreateBookmarkInput.extend({ caseId: z.string() }), "bookmarks:write", async (scope, input) => {
  const created = await createBookmark(scope, input);
  revalidatePath(bookmarksPage(scope.caseId));
  return { id: created.id, title: created.title, view: created.view, pinnedCount: created.pinnedCount };
});

export const updateBookmarkAction = caseAction(ZUpdateBookmarkInput.extend(ZBookmarkRef.shape), "bookmarks:write", async (scope, input) => {
  const { caseId: _caseId, bookmarkId, ...changes } = input;
  const updated = await updateBookmark(scope, bookmarkId, changes);
  revalidatePath(bookmarksPage(scope.caseId));
  return { id: updated.id, title: updated.title, note: updated.note };
});

export const deleteBookmarkAction = caseAction(ZBookmarkRef, "bookmarks:write", async (scope, input) => {
  const deleted = await deleteBookmark(scope, input.bookmarkId);
  revalidatePath(bookmarksPage(scope.caseId));
  return deleted;
});

export const pinBookmarkEventsAction = caseAction(ZEventIds, "bookmarks:write", async (scope, input) => {
  const pinned = await pinBookmarkEvents(scope, input.bookmarkId, input.eventIds);
  revalidatePath(bookmarksPage(scope.caseId));
  return { id: pinned.id, pinnedEventIds: pinned.pinnedEventIds };
});

export const unpinBookmarkEventsAction = caseAction(ZEventIds, "bookmarks:write", async (scope, input) => {
  const unpinned = await unpinBookmarkEvents(scope, input.bookmarkId, input.eventIds);
  revalidatePath(bookmarksPage(scope.caseId));
  return { id: unpinned.id, pinnedEventIds: unpinned.pinnedEventIds };
});
