// What a bookmark may hold. Titles, notes and event ids may quote attacker-controlled CloudTrail text:
// they are stored verbatim (trimmed) and rendered only as React text. The view is the one value that
// becomes a link, so it is reduced to a path inside its own case (see normalizeBookmarkView).
import { z } from "zod";

export const MAX_PINNED_EVENTS = 500;
export const MAX_VIEW_LENGTH = 8000;

// PostgreSQL text cannot hold NUL; say so instead of failing in the database.
const withoutNul = (s: string) => !s.includes("\u0000");

export const ZBookmarkTitle = z
  .string()
  .trim()
  .min(1, "Give the bookmark a title.")
  .max(200, "Use at most 200 characters.")
  .refine(withoutNul, "Remove the NUL character.");

export const ZBookmarkNote = z
  .string()
  .trim()
  .max(5000, "Use at most 5,000 characters.")
  .refine(withoutNul, "Remove the NUL character.")
  .default("");

export const ZEventId = z
  .string()
  .min(1, "An event id cannot be empty.")
  .max(512, "An event id has at most 512 characters.")
  .refine(withoutNul, "An event id cannot contain NUL.");

const eventIdList = z.array(ZEventId).max(MAX_PINNED_EVENTS, `A bookmark pins at most ${MAX_PINNED_EVENTS} events.`);
const unique = (ids: string[]) => [...new Set(ids)];

/** The events a new bookmark pins, de-duplicated, in the order given. */
export const ZPinnedEventIds = eventIdList.transform(unique);

/** Event ids to pin to an existing bookmark: at least one, de-duplicated, in the order given. */
export const ZPinEventIds = eventIdList.min(1, "Name at least one event.").transform(unique);

/** The shape of a new bookmark; lib/bookmarks/create-bookmark.ts also checks the view against its case. */
export const ZCreateBookmarkInput = z.object({
  title: ZBookmarkTitle,
  note: ZBookmarkNote,
  view: z.string().max(MAX_VIEW_LENGTH, `The view's link is too long (at most ${MAX_VIEW_LENGTH.toLocaleString("en-US")} characters).`),
  pinnedEventIds: ZPinnedEventIds.default([]),
});
export type TCreateBookmarkInput = z.input<typeof ZCreateBookmarkInput>;

/** An edit by the bookmark's creator: title and note, and the view when given. */
export const ZUpdateBookmarkInput = z.object({
  title: ZBookmarkTitle,
  note: ZBookmarkNote,
  view: z.string().max(MAX_VIEW_LENGTH).optional(),
});
export type TUpdateBookmarkInput = z.input<typeof ZUpdateBookmarkInput>;

const NOT_A_PATH = "The view must be a link inside Trailbench starting with /cases/…, not a full address, another site or a script.";
const OTHER_CASE = "The view belongs to another case: only views of this case can be bookmarked here.";
const NOT_A_VIEW = "Only views of this case's events, one event, lineage, identities or heatmaps can be bookmarked.";
// The pages a bookmark may open, relative to /cases/<caseId>/.
const VIEW_PAGES = /^(events|events\/[^/]+|lineage|lineage\/.+|identities|identities\/.+|heatmaps)$/;

/**
 * Reduces `raw` to the path and query of a page of case `caseId` (`/cases/<caseId>/events?…`,
 * `/cases/<caseId>/events/<eventId>`, `…/lineage…`, `…/identities…`, `…/heatmaps?…`), re-serialised by the WHATWG URL
 * parser so dot segments and encodings are resolved before the check. Refuses schemes, hosts,
 * protocol-relative `//`, backslashes and control characters (which browsers turn into `/` or drop).
 */
export function normalizeBookmarkView(caseId: string, raw: string): { ok: true; view: string } | { ok: false; message: string } {
  const text = raw.trim();
  const pathPart = text.split(/[?#]/, 1)[0] ?? "";
  if (!text.startsWith("/") || pathPart.includes("//") || /[\\\u0000-\u001f\u007f]/.test(text)) return { ok: false, message: NOT_A_PATH };
  let url: URL;
  try {
    url = new URL(text, "http://x");
  } catch {
    return { ok: false, message: NOT_A_PATH };
  }
  if (url.origin !== "http://x") return { ok: false, message: NOT_A_PATH };
  const match = /^\/cases\/([^/]+)\/(.*)$/.exec(url.pathname);
  if (!match) return { ok: false, message: NOT_A_VIEW };
  if (match[1]!.toLowerCase() !== caseId.toLowerCase()) return { ok: false, message: OTHER_CASE };
  if (!VIEW_PAGES.test(match[2]!) || match[2]!.includes("//")) return { ok: false, message: NOT_A_VIEW };
  // The case id as PostgreSQL prints it, so the stored view starts with "/cases/<case_id>/" (checked there too).
  const view = `/cases/${caseId.toLowerCase()}/${match[2]}${url.search}`;
  if (view.length > MAX_VIEW_LENGTH) return { ok: false, message: `The view's link is too long (at most ${MAX_VIEW_LENGTH.toLocaleString("en-US")} characters).` };
  return { ok: true, view };
}

/** A view of case `caseId`, normalised; anything else is a validation error on the `view` field. */
export function zBookmarkView(caseId: string) {
  return z.string().transform((raw, ctx) => {
    const result = normalizeBookmarkView(caseId, raw);
    if (result.ok) return result.view;
    ctx.addIssue({ code: "custom", message: result.message });
    return z.NEVER;
  });
}
