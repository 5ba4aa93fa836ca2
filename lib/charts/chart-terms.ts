import type { FilterAst, FilterTermValue } from "@/lib/events/filter/filter-ast";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { formatTerm } from "@/lib/events/filter/format-filter";
import { parseFilter } from "@/lib/events/filter/parse-filter";

/**
 * Filter terms for chart cells and numbers, so that every figure links to exactly the events it counts.
 * Built as terms and printed by the filter language's formatter (values quoted and escaped), never by
 * pasting attacker-controlled text into a query.
 */

/** `field:value`, or `-has:field` for the '' a rollup stores for "no value". */
export function valueTerm(field: FilterFieldName, value: string): FilterTermValue {
  return value === "" ? { kind: "field", field, negated: true, op: "has", value: true } : { kind: "field", field, negated: false, op: "eq", value };
}

export function afterTerm(iso: string): FilterTermValue {
  return { kind: "field", field: "eventTime", negated: false, op: "after", value: iso };
}

export function beforeTerm(iso: string): FilterTermValue {
  return { kind: "field", field: "eventTime", negated: false, op: "before", value: iso };
}

/** Parses a fixed query of ours (e.g. a call series' terms) into terms. */
export function fixedTerms(query: string): FilterTermValue[] {
  return parseFilter(query).terms.map(({ raw: _raw, start: _start, end: _end, ...term }) => term as FilterTermValue);
}

/** The events page listing the events matching every term. */
export function eventsHref(caseId: string, terms: readonly FilterTermValue[]): string {
  const q = terms.map(formatTerm).join(" ");
  return `/cases/${encodeURIComponent(caseId)}/events${q ? `?${new URLSearchParams({ q })}` : ""}`;
}

/** A filter's terms without their after:/before: range terms (a chart re-adds its own range). */
export function withoutRangeTerms(filter: FilterAst | undefined): FilterTermValue[] {
  return (filter?.terms ?? [])
    .filter((t) => !(t.kind === "field" && !t.negated && (t.op === "after" || t.op === "before")))
    .map(({ raw: _raw, start: _start, end: _end, ...term }) => term as FilterTermValue);
}
