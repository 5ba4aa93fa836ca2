import type { Metadata } from "next";
import Link from "next/link";
import { BookmarkList } from "@/components/bookmarks/bookmark-list";
import { listBookmarks } from "@/lib/bookmarks/list-bookmarks";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";

export const metadata: Metadata = { title: "Bookmarks" };
export const dynamic = "force-dynamic";

export default async function BookmarksPage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "case:read");
  const [found, bookmarks] = await Promise.all([getCase(scope), listBookmarks(scope)]);
  return (
    <>
      <div className="row">
        <h1>Bookmarks</h1>
        <span className="muted">
          <Link href={`/cases/${scope.caseId}`}>{found.name}</Link> · newest first · UTC
        </span>
      </div>
      <p className="muted">
        Saved views of this case, shared with its members. Each opens the exact view it was saved from; its creator edits it,
        its creator or the case lead deletes it.
      </p>
      <BookmarkList caseId={scope.caseId} bookmarks={bookmarks} canOpen={can(scope.role, "events:read")} />
    </>
  );
}
