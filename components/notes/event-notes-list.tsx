// The case's notes on events, newest first, each under a link to its event (for members who may read
// events), for the Notes tab. Event names are CloudTrail text: React text only.
import Link from "next/link";
import { NoteCard } from "@/components/notes/note-card";
import { formatUtc } from "@/lib/format/format-utc";
import type { EventNoteItem } from "@/lib/notes/list-notes-on-events";

export function EventNotesList({ caseId, notes, total, canOpen }: { caseId: string; notes: EventNoteItem[]; total: number; canOpen: boolean }) {
  if (notes.length === 0) return <p className="muted">No notes on events yet. Add them from an event&apos;s page.</p>;
  return (
    <>
      {total > notes.length ? (
        <p className="muted">
          The newest {notes.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")} notes on events.
        </p>
      ) : null}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Notes on events">
        {notes.map((note) => {
          const label = `${note.event?.eventName ?? "(no eventName)"} · ${note.event ? formatUtc(note.event.eventTime) : "event not in the case"}`;
          return (
            <li key={note.id} data-testid="event-note">
              <div className="small" style={{ marginTop: ".6rem" }}>
                {canOpen ? <Link href={`/cases/${caseId}/events/${encodeURIComponent(note.eventId)}`}>{label}</Link> : <span>{label}</span>}{" "}
                <span className="mono muted">{note.eventId}</span>
              </div>
              <NoteCard caseId={caseId} note={note} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
