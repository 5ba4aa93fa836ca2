import { FilterSyntaxError } from "@/lib/events/filter/filter-syntax-error";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { formatFilter, formatTerm } from "@/lib/events/filter/format-filter";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { removeTerm } from "@/lib/events/filter/remove-filter-term";

export type EventQueryChip = { label: string; negated: boolean; withoutIt: string };
export type ParsedEventQuery =
  | { ok: true; query: string; filter: FilterAst | undefined; chips: EventQueryChip[] }
  | { ok: false; query: string; message: string; start: number; end: number };

/**
 * The events page's `q`: parsed into a filter, mirrored as chips (each with the query that removes
 * it), or a precise syntax error pointing at the bad token. Never throws on user input.
 */
export function parseEventQuery(raw: string | undefined): ParsedEventQuery {
  const query = (raw ?? "").slice(0, 4_100);
  if (!query.trim()) return { ok: true, query: "", filter: undefined, chips: [] };
  try {
    const ast = parseFilter(query);
    return {
      ok: true,
      query,
      filter: ast,
      chips: ast.terms.map((term, i) => ({
        label: formatTerm(term).replace(/^-/, ""),
        negated: term.negated,
        withoutIt: formatFilter(removeTerm(ast, i)),
      })),
    };
  } catch (err) {
    if (err instanceof FilterSyntaxError) return { ok: false, query, message: err.message, start: err.start, end: err.end };
    throw err;
  }
}
