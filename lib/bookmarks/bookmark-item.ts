import type { CaseScope } from "@/lib/auth/case-scope";
import { bookmarkRights, type BookmarkRights } from "@/lib/bookmarks/bookmark-rights";

/** A bookmark as the list, the page and the report issue read it. */
export type BookmarkItem = BookmarkRights & {
  id: string;
  title: string;
  note: string;
  /** Path + query inside the case, validated and normalised when saved (lib/bookmarks/schemas.ts). */
  view: string;
  pinnedEventIds: string[];
  pinnedCount: number;
  createdById: string | null;
  /** Null when the creator's account was deleted. */
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const selectBookmark = {
  id: true,
  title: true,
  note: true,
  view: true,
  pinnedEventIds: true,
  createdById: true,
  createdBy: { select: { name: true } },
  createdAt: true,
  updatedAt: true,
} as const;

type BookmarkRow = {
  id: string;
  title: string;
  note: string;
  view: string;
  pinnedEventIds: string[];
  createdById: string | null;
  createdBy: { name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toBookmarkItem(scope: CaseScope, row: BookmarkRow): BookmarkItem {
  const { createdBy, ...rest } = row;
  return { ...rest, pinnedCount: row.pinnedEventIds.length, createdByName: createdBy?.name ?? null, ...bookmarkRights(scope, row.createdById) };
}
