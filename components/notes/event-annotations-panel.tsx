// The notes, tags and marks of one event (issue #8), shown on the event page and in the events drawer.
// Note bodies are Markdown rendered by SafeMarkdown; tags and names are React text.
import { MarkToggles } from "@/components/notes/mark-toggles";
import { NoteCard } from "@/components/notes/note-card";
import { NoteForm } from "@/components/notes/note-form";
import { TagEditor } from "@/components/notes/tag-editor";
import type { EventNotesPanel } from "@/lib/notes/get-event-notes-panel";

export function EventAnnotationsPanel({ caseId, eventId, data, headingLevel = 2 }: { caseId: string; eventId: string; data: EventNotesPanel; headingLevel?: 2 | 3 }) {
  const Sub = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="panel" aria-label="Notes and tags" data-testid="event-annotations">
      <div className="row">
        <Sub style={{ margin: 0 }}>Marks and tags</Sub>
        <MarkToggles caseId={caseId} eventId={eventId} marks={data.marks} canWrite={data.canWrite} />
      </div>
      <TagEditor caseId={caseId} eventId={eventId} tags={data.tags} suggestions={data.suggestions} canWrite={data.canWrite} />
      <Sub>Notes ({data.notes.length})</Sub>
      {data.notes.length === 0 ? <p className="muted">No notes on this event yet.</p> : null}
      {data.notes.map((note) => (
        <NoteCard key={note.id} caseId={caseId} note={note} />
      ))}
      {data.canWrite ? <NoteForm caseId={caseId} eventId={eventId} /> : null}
    </section>
  );
}
