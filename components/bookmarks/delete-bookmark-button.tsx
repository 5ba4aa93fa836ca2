"use client";
import { useState } from "react";
import { deleteBookmarkAction } from "@/app/(workbench)/cases/[caseId]/bookmarks/actions";

/** Deletes a bookmark after a confirmation; the list refreshes from the server. */
export function DeleteBookmarkButton({ caseId, bookmarkId, title }: { caseId: string; bookmarkId: string; title: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <span>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={pending}
        aria-label={`Delete bookmark ${title}`}
        onClick={async () => {
          if (!window.confirm(`Delete the bookmark “${title}”?`)) return;
          setPending(true);
          const result = await deleteBookmarkAction({ caseId, bookmarkId });
          setPending(false);
          setError(result.ok ? null : result.error);
        }}
      >
        Delete
      </button>
      {error ? (
        <span className="err" role="alert">
          {" "}
          {error}
        </span>
      ) : null}
    </span>
  );
}
