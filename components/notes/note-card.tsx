"use client";
import { useState } from "react";
import { deleteNoteAction } from "@/app/(workbench)/cases/[caseId]/notes/actions";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { NoteForm } from "@/components/notes/note-form";
import { formatUtc } from "@/lib/format/format-utc";
import type { NoteItem } from "@/lib/notes/note-item";

/** One note: author, UTC time, the body through SafeMarkdown, and edit (author) / delete (author or lead). */
export function NoteCard({ caseId, note }: { caseId: string; note: NoteItem }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const remove = async () => {
    if (!window.confirm("Delete this note?")) return;
    setPending(true);
    const result = await deleteNoteAction({ caseId, noteId: note.id });
    setPending(false);
    setError(result.ok ? null : result.error);
  };
  return (
    <article className="note" data-testid="note" data-note-id={note.id} style={{ borderTop: "1px solid var(--line)", padding: ".5rem 0" }}>
      <div className="row small">
        <b>{note.authorName ?? "(former user)"}</b>
        <span className="muted">
          {formatUtc(note.createdAt)}
          {note.edited ? ` · edited ${formatUtc(note.updatedAt)}` : ""}
        </span>
        <span className="spacer" />
        {note.canEdit && !editing ? (
          <button type="button" className="btn btn-quiet" onClick={() => setEditing(true)} aria-label="Edit note">
            Edit
          </button>
        ) : null}
        {note.canDelete ? (
          <button type="button" className="btn btn-quiet" disabled={pending} onClick={() => void remove()} aria-label="Delete note">
            Delete
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {editing ? (
        <NoteForm caseId={caseId} eventId={note.eventId} noteId={note.id} initialBody={note.body} onDone={() => setEditing(false)} />
      ) : (
        <SafeMarkdown text={note.body} />
      )}
    </article>
  );
}
