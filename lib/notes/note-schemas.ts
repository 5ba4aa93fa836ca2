// What a note may hold. The body is Markdown typed by an investigator, often quoting attacker-controlled
// CloudTrail text: it is stored verbatim (trimmed) and only ever rendered through
// components/markdown/safe-markdown.tsx (no raw HTML, safe links, no images). The database repeats the
// length limit (a CHECK in prisma/migrations/20261121200000_notes_tags).
import { z } from "zod";
import { ZEventId } from "@/lib/bookmarks/schemas";

export const NOTE_MAX_LENGTH = 20_000;

export const ZNoteBody = z
  .string()
  .trim()
  .min(1, "Write something first.")
  .max(NOTE_MAX_LENGTH, `Use at most ${NOTE_MAX_LENGTH.toLocaleString("en-US")} characters.`)
  .refine((s) => !s.includes("\u0000"), "Remove the NUL character.");

/** A new note: on an event of the case (`eventId`), or on the case itself (`eventId` null or absent). */
export const ZCreateNoteInput = z.object({
  eventId: ZEventId.nullish().transform((id) => id ?? null),
  body: ZNoteBody,
});
export type TCreateNoteInput = z.input<typeof ZCreateNoteInput>;
