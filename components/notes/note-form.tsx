"use client";
import { useState } from "react";
import { createNoteAction, updateNoteAction } from "@/app/(workbench)/cases/[caseId]/notes/actions";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";

const MAX = 20_000;

/**
 * Writes a note (on an event, or on the case when `eventId` is null) or edits one (`noteId`), with a
 * Write / Preview toggle; the preview is the same SafeMarkdown rendering the note list uses.
 */
export function NoteForm({
  caseId,
  eventId,
  noteId,
  initialBody = "",
  onDone,
}: {
  caseId: string;
  eventId: string | null;
  noteId?: string;
  initialBody?: string;
  onDone?: () => void;
}) {
  const [body, setBody] = useState(initialBody);
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const editing = noteId !== undefined;
  const submit = async () => {
    setPending(true);
    const result = editing ? await updateNoteAction({ caseId, noteId, body }) : await createNoteAction({ caseId, eventId, body });
    setPending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.body?.join(" ") ?? result.error);
      return;
    }
    setError(null);
    if (!editing) setBody("");
    setPreview(false);
    onDone?.();
  };
  return (
    <form
      className="note-form"
      aria-label={editing ? "Edit note" : eventId === null ? "Add a case note" : "Add a note to this event"}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{ display: "grid", gap: ".4rem", marginTop: ".5rem" }}
    >
      <div className="row" role="tablist" aria-label="Note editor mode">
        <button type="button" role="tab" className="btn btn-quiet" aria-selected={!preview} onClick={() => setPreview(false)}>
          Write
        </button>
        <button type="button" role="tab" className="btn btn-quiet" aria-selected={preview} onClick={() => setPreview(true)} data-testid="note-preview-toggle">
          Preview
        </button>
        <span className="muted small">Markdown: **bold**, `code`, lists, links (http, https, mailto). No HTML, no images.</span>
      </div>
      {preview ? (
        <div className="panel" data-testid="note-preview">
          {body.trim() ? <SafeMarkdown text={body} /> : <p className="muted">Nothing to preview.</p>}
        </div>
      ) : (
        <textarea
          name="body"
          aria-label="Note (Markdown)"
          value={body}
          maxLength={MAX}
          rows={editing ? 6 : 4}
          onChange={(e) => setBody(e.target.value)}
          placeholder={eventId === null ? "A note on the case…" : "A note on this event…"}
        />
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button className="btn" type="submit" disabled={pending || !body.trim()}>
          {pending ? "Saving…" : editing ? "Save" : "Add note"}
        </button>
        {editing && onDone ? (
          <button type="button" className="btn btn-quiet" onClick={onDone}>
            Cancel
          </button>
        ) : null}
        <span className="muted small">
          {body.length.toLocaleString("en-US")} / {MAX.toLocaleString("en-US")}
        </span>
      </div>
    </form>
  );
}
