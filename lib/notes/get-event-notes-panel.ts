import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { listEventNotes } from "@/lib/notes/list-event-notes";
import type { NoteItem } from "@/lib/notes/note-item";
import { countCaseTags } from "@/lib/tags/count-case-tags";
import { listEventAnnotations } from "@/lib/tags/list-event-annotations";
import { suggestTags } from "@/lib/tags/suggest-tags";
import type { MarkKind } from "@/lib/tags/tag-schemas";

export type EventNotesPanel = {
  tags: string[];
  marks: MarkKind[];
  notes: NoteItem[];
  /** The case's tags and the defaults, without the event's own. */
  suggestions: string[];
  /** Lead or investigator: may add notes, tags and marks. */
  canWrite: boolean;
};

/** Everything the event page's notes-and-tags panel shows for one event of the case. */
export async function getEventNotesPanel(scope: CaseScope, eventId: string): Promise<EventNotesPanel> {
  const [annotations, notes, caseTags] = await Promise.all([listEventAnnotations(scope, [eventId]), listEventNotes(scope, eventId), countCaseTags(scope)]);
  const own = annotations[eventId] ?? { tags: [], marks: [], notes: 0 };
  return {
    tags: own.tags,
    marks: own.marks,
    notes,
    suggestions: suggestTags(
      caseTags.map((t) => t.tag),
      own.tags,
    ),
    canWrite: can(scope.role, "bookmarks:write"),
  };
}
