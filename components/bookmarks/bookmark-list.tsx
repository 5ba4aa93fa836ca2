import Link from "next/link";
import { BookmarkEditForm } from "@/components/bookmarks/bookmark-edit-form";
import { BookmarkPins } from "@/components/bookmarks/bookmark-pins";
import { DeleteBookmarkButton } from "@/components/bookmarks/delete-bookmark-button";
import type { BookmarkItem } from "@/lib/bookmarks/bookmark-item";
import { formatUtc } from "@/lib/format/format-utc";

/**
 * The case's bookmarks. Titles, notes, views and event ids may quote attacker-controlled CloudTrail
 * text: every one is a React text node; the only hrefs are the validated view and event pages of the case.
 * `canOpen`: the reader may open event views (events:read); viewers see the list without links.
 */
export function BookmarkList({ caseId, bookmarks, canOpen }: { caseId: string; bookmarks: BookmarkItem[]; canOpen: boolean }) {
  if (bookmarks.length === 0) {
    return <div className="panel">No bookmarks yet: use “Bookmark this view” on the events page.</div>;
  }
  return (
    <div aria-label="Bookmarks" role="list">
      {bookmarks.map((b) => (
        <section key={b.id} className="panel" role="listitem" aria-label={b.title} data-testid="bookmark">
          <div className="row">
            <h2 style={{ margin: 0 }} data-testid="bookmark-title">
              {b.title}
            </h2>
            <span className="spacer" />
            {canOpen ? (
              <Link className="btn" href={b.view} aria-label={`Open ${b.title}`}>
                Open
              </Link>
            ) : null}
            {b.canDelete ? <DeleteBookmarkButton caseId={caseId} bookmarkId={b.id} title={b.title} /> : null}
          </div>
          <p className="muted" data-testid="bookmark-meta">
            by {b.createdByName ?? "a former member"} · {formatUtc(b.createdAt)}
            {b.updatedAt.getTime() !== b.createdAt.getTime() ? ` · edited ${formatUtc(b.updatedAt)}` : ""}
          </p>
          {b.note ? (
            <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid="bookmark-note">
              {b.note}
            </p>
          ) : null}
          <p className="mono muted" style={{ overflowWrap: "anywhere" }} data-testid="bookmark-view">
            {b.view}
          </p>
          <h3>Pinned events ({b.pinnedCount})</h3>
          <BookmarkPins caseId={caseId} bookmarkId={b.id} pinnedEventIds={b.pinnedEventIds} canEdit={b.canEdit} canOpen={canOpen} />
          {b.canEdit ? <BookmarkEditForm caseId={caseId} bookmarkId={b.id} title={b.title} note={b.note} /> : null}
        </section>
      ))}
    </div>
  );
}
