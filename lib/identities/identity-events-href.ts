import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import { eventsHref } from "@/lib/charts/chart-terms";
import { formatTerm } from "@/lib/events/filter/format-filter";
import { IDENTITY_KINDS, type IdentityKind } from "@/lib/identities/identity-kind";

/**
 * The events page filtered to one identity's events, narrowed by `extra` terms (this key, this IP,
 * denied calls of this event name …). Built from filter terms, never by pasting text, so every value
 * is quoted and escaped by the filter language's own formatter (an ARN with spaces, a user agent with
 * quotes or stars, a value that starts with "-" all round-trip to exactly that value).
 */
export function identityEventsHref(caseId: string, kind: IdentityKind, value: string, extra: FilterTermValue[] = []): string {
  const own: FilterTermValue = { kind: "field", field: IDENTITY_KINDS[kind].filterField, negated: false, op: "eq", value };
  // A repeated field is an OR in the filter language: the identity's own term must never be repeated.
  const seen = new Set<string>();
  return eventsHref(caseId, [own, ...extra].filter((t) => !seen.has(formatTerm(t)) && seen.add(formatTerm(t))));
}
