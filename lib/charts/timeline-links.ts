import { CALL_SERIES_INFO, type CallSeries } from "@/lib/charts/call-series";
import { afterTerm, beforeTerm, eventsHref, fixedTerms, withoutRangeTerms } from "@/lib/charts/chart-terms";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import { FilterSyntaxError } from "@/lib/events/filter/filter-syntax-error";
import { formatTerm, parseFilter } from "@/lib/events/filter/parse-filter";

/**
 * Where the timeline leads: a bar (or one series of it) to exactly its events on the events page, and a
 * zoom to the same page with the filter's range replaced. Built from terms and printed by the filter
 * language's formatter, never by pasting text into a query.
 */

/** The filter's terms other than its after:/before: range ([] for '' or a filter that does not parse). */
export function timelineBaseTerms(query: string): FilterTermValue[] {
  if (!query.trim()) return [];
  try {
    return withoutRangeTerms(parseFilter(query));
  } catch (err) {
    if (err instanceof FilterSyntaxError) return [];
    throw err;
  }
}

/** Whether the filter has an after:/before: range (a zoom to undo). */
export function hasRangeTerms(query: string): boolean {
  if (!query.trim()) return false;
  try {
    return parseFilter(query).terms.some((t) => t.kind === "field" && !t.negated && (t.op === "after" || t.op === "before"));
  } catch (err) {
    if (err instanceof FilterSyntaxError) return false;
    throw err;
  }
}

/** The events of [startMs, endMs) matching `base`, and only those of `series` when given. */
export function timelineBarHref(caseId: string, base: readonly FilterTermValue[], startMs: number, endMs: number, series?: CallSeries): string {
  return eventsHref(caseId, [
    ...base,
    afterTerm(new Date(startMs).toISOString()),
    beforeTerm(new Date(endMs).toISOString()),
    ...(series ? fixedTerms(CALL_SERIES_INFO[series].terms) : []),
  ]);
}

/** The filter `base` restricted to [startMs, endMs); `null` bounds: no range (the whole filter). */
export function timelineRangeQuery(base: readonly FilterTermValue[], range: { from: number; to: number } | null): string {
  const terms = range ? [...base, afterTerm(new Date(range.from).toISOString()), beforeTerm(new Date(range.to).toISOString())] : base;
  return terms.map(formatTerm).join(" ");
}

/** Twice the range, around the same centre. */
export function zoomOutRange(fromMs: number, toMs: number): { from: number; to: number } {
  const half = toMs - fromMs;
  const centre = fromMs + half / 2;
  return { from: Math.floor(centre - half), to: Math.ceil(centre + half) };
}

/**
 * The current page (`pathname` + `search`) showing filter `q` instead: other parameters are kept, the
 * paging cursors (`before`, `after`) and the selected event (`event`) are dropped, since they belong
 * to the old filter.
 */
export function pageWithQuery(pathname: string, search: string | URLSearchParams, q: string): string {
  const params = new URLSearchParams(search);
  for (const name of ["before", "after", "event"]) params.delete(name);
  if (q.trim()) params.set("q", q);
  else params.delete("q");
  const text = params.toString();
  return `${pathname}${text ? `?${text}` : ""}`;
}

/** Whether `href` stays inside the app (a path, not another site or a script): bookmark views are. */
export function isInternalPath(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");
}
