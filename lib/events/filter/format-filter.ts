import type { FilterAst, FilterTermValue } from "./filter-ast";

/**
 * Prints an AST back as a query in canonical form: canonical field names, one space between terms,
 * quotes only where needed. parseFilter(formatFilter(ast)) gives back the same terms (kind, field,
 * op, value, negation), which is what lets the chips and the text box stay two views of one state.
 */
export function formatFilter(ast: FilterAst): string {
  return ast.terms.map(formatTerm).join(" ");
}

/** One term as query text; also what a pivot ("filter on this value") appends to the box. */
export function formatTerm(term: FilterTermValue): string {
  const sign = term.negated ? "-" : "";
  if (term.kind === "text") return sign + formatPattern(term.value, true);
  switch (term.op) {
    case "after":
    case "before":
      return `${sign}${term.op}:${term.value}`;
    case "denied":
      return `${sign}denied:${term.value}`;
    case "trusted":
    case "expectedCountry":
      return `${sign}${term.op}:${term.value}`;
    case "has":
      return `${sign}has:${term.field}`;
    case "bool":
    case "cidr":
      return `${sign}${term.field}:${String(term.value)}`;
    case "wildcard":
      return `${sign}${term.field}:${formatPattern(term.value, false)}`;
    case "eq":
      return `${sign}${term.field}:${quoteIfNeeded(escapeLiteral(term.value), false)}`;
    case "lineage":
      return `${sign}lineage:${quoteIfNeeded(escapeLiteral(term.value), false)}`;
    case "deviation":
      return `${sign}deviation:${term.value}`;
    case "finding":
      return `${sign}finding:${term.value}`;
    case "tag":
      return `${sign}tag:${term.value}`;
    case "mark":
      return `${sign}is:${term.value === "star" ? "starred" : term.value}`;
    case "note":
      return `${sign}has:note`;
  }
}

/** A literal value (no wildcard) as typed text: its backslashes, stars and quotes escaped. */
function escapeLiteral(value: string): string {
  return value.replace(/[\\*"]/g, (c) => `\\${c}`);
}

/** A pattern already carries its `\*` and `\\` escapes; only quotes need escaping. */
function formatPattern(pattern: string, isText: boolean): string {
  return quoteIfNeeded(pattern.replace(/"/g, '\\"'), isText);
}

function quoteIfNeeded(escaped: string, isText: boolean): string {
  // Free text that starts with "-" would read as a negation, and text with a ":" as a field.
  const needsQuotes = escaped === "" || /\s/.test(escaped) || (isText && (escaped.startsWith("-") || escaped.includes(":")));
  return needsQuotes ? `"${escaped}"` : escaped;
}
