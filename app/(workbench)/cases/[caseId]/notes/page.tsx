import type { Metadata } from "next";
import Link from "next/link";
import { EventNotesList } from "@/components/notes/event-notes-list";
import { NoteCard } from "@/components/notes/note-card";
import { NoteForm } from "@/components/notes/note-form";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { eventsViewHref } from "@/lib/events/events-view";
import { listCaseNotes } from "@/lib/notes/list-case-notes";
import { listNotesOnEvents } from "@/lib/notes/list-notes-on-events";
import { countCaseTags } from "@/lib/tags/count-case-tags";

export const metadata: Metadata = { title: "Notes" };
export const dynamic = "force-dynamic";

// Every member reads the notes (like bookmarks); leads and investigators write them. Links to events are
// shown only to members who may read events.
export default async function NotesPage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "case:read");
  const [found, caseNotes, eventNotes, tags] = await Promise.all([getCase(scope), listCaseNotes(scope), listNotesOnEvents(scope), countCaseTags(scope)]);
  const canWrite = can(scope.role, "bookmarks:write");
  const canOpen = can(scope.role, "events:read");
  return (
    <>
      <div className="row">
        <h1>Notes</h1>
        <span className="muted">
          <Link href={`/cases/${scope.caseId}`}>{found.name}</Link> · UTC
        </span>
      </div>
      <p className="muted">
        Notes on the case and on its events, shared with the case&apos;s members, in Markdown (no HTML, no images). Their author edits them;
        their author or the case lead deletes them.
      </p>
      <section className="panel" aria-label="Case notes" data-testid="case-notes">
        <h2 style={{ marginTop: 0 }}>Case notes ({caseNotes.length})</h2>
        {caseNotes.length === 0 ? <p className="muted">No case notes yet.</p> : null}
        {caseNotes.map((note) => (
          <NoteCard key={note.id} caseId={scope.caseId} note={note} />
        ))}
        {canWrite ? <NoteForm caseId={scope.caseId} eventId={null} /> : null}
      </section>
      {tags.length ? (
        <section className="panel" aria-label="Tags">
          <h2 style={{ marginTop: 0 }}>Tags</h2>
          <ul className="chips">
            {tags.map((t) => (
              <li key={t.tag} className="chip" data-testid="case-tag">
                {canOpen ? <Link href={eventsViewHref(scope.caseId, { q: `tag:${t.tag}`, cols: [] })}>{t.tag}</Link> : t.tag} · {t.count.toLocaleString("en-US")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-label="Notes on events" data-testid="event-notes">
        <h2 style={{ marginTop: 0 }}>Notes on events ({eventNotes.total.toLocaleString("en-US")})</h2>
        <EventNotesList caseId={scope.caseId} notes={eventNotes.notes} total={eventNotes.total} canOpen={canOpen} />
      </section>
    </>
  );
}
