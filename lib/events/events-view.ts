/**
 * An events-page view is its URL: the filter (`q`), the selected event (`event`, opened in the drawer
 * and highlighted in context), the chosen columns (`cols`), the time order (`sort=asc` for oldest
 * first) and the page cursor (`before` / `after`).
 * Bookmarks store this URL, so parsing and printing it live in one pure place.
 */
import { formatEventColumns, parseEventColumns, type EventColumnId } from "@/lib/events/event-columns";

export type EventsView = {
  q: string;
  /** Oldest first when "asc"; newest first (the default) otherwise. */
  order?: "asc";
  event?: string;
  cols: EventColumnId[];
  before?: string;
  after?: string;
};

type SearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function parseEventsView(sp: SearchParams): EventsView {
  // `col` (repeated) is what the column picker's checkboxes submit; `cols` is the canonical form.
  const picked = Array.isArray(sp.col) ? sp.col.join(",") : one(sp.col);
  const view: EventsView = { q: one(sp.q) ?? "", cols: parseEventColumns(picked ?? one(sp.cols)) };
  if (one(sp.sort) === "asc") view.order = "asc";
  const event = one(sp.event);
  const before = one(sp.before);
  const after = one(sp.after);
  if (event !== undefined) view.event = event;
  if (after !== undefined) view.after = after;
  else if (before !== undefined) view.before = before;
  return view;
}

/**
 * The URL of a view. `changes` override fields; a cursor is dropped unless given in `changes` (a new
 * filter or column set starts from the newest page), and `null` removes a field.
 */
export function eventsViewHref(
  caseId: string,
  view: EventsView,
  changes: { q?: string; event?: string | null; cols?: EventColumnId[]; order?: "asc" | "desc"; before?: string; after?: string } = {},
): string {
  const params = new URLSearchParams();
  const q = changes.q ?? view.q;
  if (q.trim()) params.set("q", q);
  const cols = formatEventColumns(changes.cols ?? view.cols);
  if (cols) params.set("cols", cols);
  if ((changes.order ?? view.order) === "asc") params.set("sort", "asc");
  const event = changes.event === null ? undefined : (changes.event ?? view.event);
  if (event) params.set("event", event);
  if (changes.after) params.set("after", changes.after);
  else if (changes.before) params.set("before", changes.before);
  const text = params.toString();
  return `/cases/${caseId}/events${text ? `?${text}` : ""}`;
}
