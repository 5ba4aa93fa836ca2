/**
 * The quick toggles above the events table. Each is just a filter term, so a toggled view is a plain
 * query (shareable, bookmarkable, visible as a chip). A toggle is on when the query holds its exact term;
 * switching it on adds the term (replacing the other toggles of its group, e.g. one event category),
 * switching it off removes it.
 */
import type { FilterAst, FilterTermValue } from "@/lib/events/filter/filter-ast";
import { formatTerm } from "@/lib/events/filter/format-filter";

type Toggle = { id: string; label: string; group: string; term: FilterTermValue };

const bool = (field: "readOnly", value: boolean, negated: boolean): FilterTermValue => ({ kind: "field", field, op: "bool", value, negated });
const category = (value: string): FilterTermValue => ({ kind: "field", field: "eventCategory", op: "eq", value, negated: false });
const mark = (value: "star" | "evidence"): FilterTermValue => ({ kind: "field", field: "eventID", op: "mark", value, negated: false });

export const QUICK_TOGGLES: readonly Toggle[] = [
  { id: "hide-read-only", label: "Hide read-only", group: "access", term: bool("readOnly", true, true) },
  { id: "only-mutating", label: "Only mutating", group: "access", term: bool("readOnly", false, false) },
  { id: "only-denied", label: "Only denied", group: "denied", term: { kind: "field", field: "errorCode", op: "denied", value: true, negated: false } },
  { id: "management", label: "Management", group: "category", term: category("Management") },
  { id: "data", label: "Data", group: "category", term: category("Data") },
  { id: "insight", label: "Insight", group: "category", term: category("Insight") },
  { id: "starred", label: "★ Starred", group: "starred", term: mark("star") },
  { id: "evidence", label: "Evidence", group: "evidence", term: mark("evidence") },
];

export type QuickToggleState = { id: string; label: string; on: boolean; query: string };

/** Every toggle with whether it is on and the query that flips it. */
export function quickToggleStates(ast: FilterAst | undefined): QuickToggleState[] {
  const terms = ast?.terms ?? [];
  const texts = terms.map((t) => formatTerm(t));
  return QUICK_TOGGLES.map((toggle) => {
    const own = formatTerm(toggle.term);
    const on = texts.includes(own);
    const groupTexts = new Set(QUICK_TOGGLES.filter((t) => t.group === toggle.group).map((t) => formatTerm(t.term)));
    const kept = terms.filter((_, i) => (on ? texts[i] !== own : !groupTexts.has(texts[i]!)));
    const next: FilterTermValue[] = on ? kept : [...kept, toggle.term];
    return { id: toggle.id, label: toggle.label, on, query: next.map(formatTerm).join(" ") };
  });
}
