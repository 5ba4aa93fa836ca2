"use client";
import Link from "next/link";
import { useActionState } from "react";
import { createBookmarkAction } from "@/app/(workbench)/cases/[caseId]/bookmarks/actions";
import { FieldError, FormError } from "@/components/ui/form-feedback";

type State = Awaited<ReturnType<typeof createBookmarkAction>> | null;

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/**
 * "Bookmark this view": saves `viewUrl` (the path + query of the current view of case `caseId`) with a
 * title and a note, optionally pinning the selected event. The server validates the view.
 */
export function BookmarkViewForm({ caseId, viewUrl, selectedEventId }: { caseId: string; viewUrl: string; selectedEventId?: string }) {
  const [state, action, pending] = useActionState(async (_prev: State, form: FormData) => {
    const pin = text(form, "pinEventId");
    return createBookmarkAction({
      caseId,
      view: text(form, "view"),
      title: text(form, "title"),
      note: text(form, "note"),
      pinnedEventIds: pin ? [pin] : [],
    });
  }, null);
  return (
    <details className="bookmark-view-form">
      <summary>Bookmark this view</summary>
      <form action={action} className="stack" aria-label="Bookmark this view" style={{ marginTop: ".5rem" }}>
        <FormError state={state} />
        <FieldError state={state} name="view" />
        <input type="hidden" name="view" value={viewUrl} />
        <label>
          Title
          <input type="text" name="title" required maxLength={200} placeholder="e.g. Everything ASIA…7Q did after AssumeRole" />
          <FieldError state={state} name="title" />
        </label>
        <label>
          Note
          <textarea name="note" maxLength={5000} placeholder="Why this view matters" />
          <FieldError state={state} name="note" />
        </label>
        {selectedEventId ? (
          <label style={{ display: "flex", gap: ".4rem", alignItems: "center", fontWeight: 400 }}>
            <input type="checkbox" name="pinEventId" value={selectedEventId} defaultChecked />
            <span>
              Pin the selected event <span className="mono">{selectedEventId}</span>
            </span>
          </label>
        ) : null}
        <button className="btn" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save bookmark"}
        </button>
        {state?.ok ? (
          <p className="notice" role="status">
            Saved “{state.data.title}”{state.data.pinnedCount ? ` with ${state.data.pinnedCount} pinned event` : ""}.{" "}
            <Link href={`/cases/${caseId}/bookmarks`}>The case&apos;s bookmarks</Link>
          </p>
        ) : null}
      </form>
    </details>
  );
}
