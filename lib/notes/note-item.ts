import type { CaseScope } from "@/lib/auth/case-scope";
import { noteRights, type NoteRights } from "@/lib/notes/note-rights";

/** A note as the event page, the Notes tab and the report read it. */
export type NoteItem = NoteRights & {
  id: string;
  /** The event of the case the note is on, or null for a note on the case. */
  eventId: string | null;
  /** Markdown, verbatim: render only with SafeMarkdown. */
  body: string;
  edited: boolean;
  authorId: string | null;
  /** Null when the author's account is gone. */
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const selectNote = {
  id: true,
  eventId: true,
  body: true,
  edited: true,
  authorId: true,
  author: { select: { name: true } },
  createdAt: true,
  updatedAt: true,
} as const;

type NoteRow = {
  id: string;
  eventId: string | null;
  body: string;
  edited: boolean;
  authorId: string | null;
  author: { name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toNoteItem(scope: CaseScope, row: NoteRow): NoteItem {
  const { author, ...rest } = row;
  return { ...rest, authorName: author?.name ?? null, ...noteRights(scope, row.authorId) };
}
