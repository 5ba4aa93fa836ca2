"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { ZEventId } from "@/lib/bookmarks/schemas";
import { createNote } from "@/lib/notes/create-note";
import { deleteNote } from "@/lib/notes/delete-note";
import { ZCreateNoteInput, ZNoteBody } from "@/lib/notes/note-schemas";
import { updateNote } from "@/lib/notes/update-note";
import { addEventTag } from "@/lib/tags/add-event-tag";
import { clearEventMark } from "@/lib/tags/clear-event-mark";
import { removeEventTag } from "@/lib/tags/remove-event-tag";
import { setEventMark } from "@/lib/tags/set-event-mark";
import { ZMarkKind } from "@/lib/tags/tag-schemas";

// Notes, tags and marks (issue #8). Every write checks the event against the scope's case in lib, and
// needs `bookmarks:write` (lead, investigator): viewers read only. The whole case is revalidated, since a
// note or a tag shows on the event page, the events table, the Notes tab and the overview.
const refresh = (caseId: string) => revalidatePath(`/cases/${caseId}`, "layout");
const ZNoteRef = z.object({ caseId: z.string(), noteId: z.string() });
const ZEventTag = z.object({ caseId: z.string(), eventId: ZEventId, tag: z.string().max(200) });
const ZEventMark = z.object({ caseId: z.string(), eventId: ZEventId, kind: ZMarkKind });

export const createNoteAction = caseAction(ZCreateNoteInput.extend({ caseId: z.string() }), "bookmarks:write", async (scope, input) => {
  const note = await createNote(scope, { eventId: input.eventId, body: input.body });
  refresh(scope.caseId);
  return { id: note.id };
});

export const updateNoteAction = caseAction(ZNoteRef.extend({ body: ZNoteBody }), "bookmarks:write", async (scope, input) => {
  const note = await updateNote(scope, input.noteId, input.body);
  refresh(scope.caseId);
  return { id: note.id };
});

export const deleteNoteAction = caseAction(ZNoteRef, "bookmarks:write", async (scope, input) => {
  const deleted = await deleteNote(scope, input.noteId);
  refresh(scope.caseId);
  return deleted;
});

export const addEventTagAction = caseAction(ZEventTag, "bookmarks:write", async (scope, input) => {
  const added = await addEventTag(scope, input.eventId, input.tag);
  refresh(scope.caseId);
  return added;
});

export const removeEventTagAction = caseAction(ZEventTag, "bookmarks:write", async (scope, input) => {
  const removed = await removeEventTag(scope, input.eventId, input.tag);
  refresh(scope.caseId);
  return removed;
});

export const setEventMarkAction = caseAction(ZEventMark, "bookmarks:write", async (scope, input) => {
  const set = await setEventMark(scope, input.eventId, input.kind);
  refresh(scope.caseId);
  return set;
});

export const clearEventMarkAction = caseAction(ZEventMark, "bookmarks:write", async (scope, input) => {
  const cleared = await clearEventMark(scope, input.eventId, input.kind);
  refresh(scope.caseId);
  return cleared;
});
