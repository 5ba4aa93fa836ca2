import type { Event } from "@/lib/db/generated/client";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { formatTerm } from "@/lib/events/filter/format-filter";

export type PivotLink = { label: string; field: string; value: string; href: string };

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
  ["events made with the key it issued", "userIdentity.accessKeyId", (e) => e.issuedAccessKeyId],
];

const WINDOW_MINUTES = 5;

/** One-click pivots as URLs of the events page (the filter language does the work; values are quoted). */
export function pivotLinks(caseId: string, event: Event): PivotLink[] {
  const base = `/cases/${caseId}/events`;
  const href = (q: string) => `${base}?${new URLSearchParams({ q })}`;
  const links: PivotLink[] = [];
  for (const [label, field, get] of PIVOTS) {
    const value = get(event);
    if (!value) continue;
    links.push({ label, field, value, href: href(formatTerm({ kind: "field", field, negated: false, op: "eq", value })) });
  }
  if (event.eventTime) {
    const from = new Date(event.eventTime.getTime() - WINDOW_MINUTES * 60_000).toISOString();
    const to = new Date(event.eventTime.getTime() + WINDOW_MINUTES * 60_000).toISOString();
    links.push({ label: `±${WINDOW_MINUTES} minutes`, field: "eventTime", value: `${from} → ${to}`, href: href(`after:${from} before:${to}`) });
  }
  return links;
}
