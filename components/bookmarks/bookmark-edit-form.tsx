"use client";
import { useActionState } from "react";
import { updateBookmarkAction } from "@/app/(workbench)/cases/[caseId]/bookmarks/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof updateBookmarkAction>> | null;

/** The creator's edit of a bookmark's title and note. */
export function BookmarkEditForm({ caseId, bookmarkId, title, note }: { caseId: string; bookmarkId: string; title: string; note: string }) {
  const [state, action, pending] = useActionState(async (_prev: State, form: FormData) => updateBookmarkAction(form), null);
  return (
    <details>
      <summary>Edit</summary>
      <form action={action} className="stack" aria-label={`Edit bookmark ${title}`} style={{ marginTop: ".5rem" }}>
        <FormError state={state} />
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="bookmarkId" value={bookmarkId} />
        <label>
          Title
          <input type="text" name="title" required maxLength={200} defaultValue={title} />
          <FieldError state={state} name="title" />
        </label>
        <label>
          Note
          <textarea name="note" maxLength={5000} defaultValue={note} />
          <FieldError state={state} name="note" />
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        {state?.ok ? (
          <p className="notice" role="status">
            Saved.
          </p>
        ) : null}
      </form>
    </details>
  );
}
