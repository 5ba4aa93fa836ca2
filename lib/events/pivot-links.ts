import type { Event } from "@/lib/db/generated/client";
import type { EventColumnId } from "@/lib/events/event-columns";
import { eventsViewHref } from "@/lib/events/events-view";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { formatTerm } from "@/lib/events/filter/format-filter";

export type PivotLink = { label: string; field: string; value: string; href: string };

const ISSUED = (e: Event) => e.issuedAccessKeyId;

// The identity-bearing values of an event an analyst pivots on, in the order they are asked for.
const PIVOTS: [string, FilterFieldName, (e: Event) => string | null][] = [
  ["same access key", "userIdentity.accessKeyId", (e) => e.accessKeyId],
  ["same session issuer (role)", "sessionIssuer", (e) => e.sessionIssuerArn],
  ["same principal", "userIdentity.arn", (e) => e.principalArn],
  ["same principal id", "userIdentity.principalId", (e) => e.principalId],
  ["same source IP", "sourceIPAddress", (e) => e.sourceIpAddress],
  ["same user agent", "userAgent", (e) => e.userAgent],
  ["same request", "requestID", (e) => e.requestId],
  ["same shared event", "sharedEventID", (e) => e.sharedEventId],
  ["events made with the key it issued", "userIdentity.accessKeyId", ISSUED],
];

/** The "± N minutes around this event" pivots offered. */
const WINDOWS_MINUTES = [1, 5, 15, 60];

/** The filter text that selects events whose `field` equals `value` (quoted and escaped as needed). */
export function equalsTerm(field: FilterFieldName, value: string): string {
  return formatTerm({ kind: "field", field, negated: false, op: "eq", value });
}

/**
 * One-click pivots as URLs of the events page (the filter language does the work; values are quoted).
 * Each keeps the starting event selected, so the pivot opens with it highlighted among its neighbours,
 * and keeps the analyst's column choice.
 */
export function pivotLinks(caseId: string, event: Event, cols?: EventColumnId[]): PivotLink[] {
  const href = (q: string, keepSelection = true) =>
    eventsViewHref(caseId, { q, cols: cols ?? [] }, keepSelection ? { event: event.eventId } : {});
  const links: PivotLink[] = [];
  for (const [label, field, get] of PIVOTS) {
    const value = get(event);
    if (!value) continue;
    // The issued key's events do not include this one, so that pivot opens without a selection.
    links.push({ label, field, value, href: href(equalsTerm(field, value), get !== ISSUED) });
  }
  // Same resource: one pivot per resource the call touched (bucket, role, user, instance …).
  for (const resource of (event.resources ?? []).slice(0, 8)) {
    links.push({ label: `same resource ${resource}`, field: "resources.ARN", value: resource, href: href(equalsTerm("resources.ARN", resource)) });
  }
  if (event.eventTime) {
    for (const minutes of WINDOWS_MINUTES) {
      const from = new Date(event.eventTime.getTime() - minutes * 60_000).toISOString();
      const to = new Date(event.eventTime.getTime() + minutes * 60_000).toISOString();
      const label = `±${minutes} minute${minutes === 1 ? "" : "s"}`;
      links.push({ label, field: "eventTime", value: `${from} → ${to}`, href: href(`after:${from} before:${to}`) });
    }
  }
  return links;
}
