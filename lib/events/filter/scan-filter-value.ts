import { FilterSyntaxError, positionText } from "./filter-syntax-error";

/**
 * The lexical layer of the filter language: one value (or free-text word), bare or in double
 * quotes, with its escapes resolved. Three escapes exist, and only three, so that a backslash in a
 * query is never silently dropped: `\"` a quote, `\\` a backslash, `\*` a literal star. An unescaped
 * `*` is a wildcard, in quotes too: quotes only group words containing spaces.
 */
export type ScannedValue = {
  /** The value with escapes resolved: what an exact match compares with. */
  literal: string;
  /** The value in pattern form (see filter-ast.ts): `*` wild, `\*` and `\\` literal. */
  pattern: string;
  /** True when an unescaped `*` occurs. */
  wildcard: boolean;
  quoted: boolean;
  /** Offset just past the value (past the closing quote when quoted). */
  end: number;
};

/** Whitespace separates terms; any Unicode space counts, so a pasted no-break space does too. */
export function isFilterSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/** A value starting at `start`: quoted when it starts with `"`, else up to the next space. */
export function scanFilterValue(query: string, start: number): ScannedValue {
  return query[start] === '"' ? scanQuoted(query, start) : scanBare(query, start);
}

function scanQuoted(query: string, open: number): ScannedValue {
  const out = new ValueBuilder(true);
  for (let i = open + 1; i < query.length; i++) {
    const ch = query[i] ?? "";
    if (ch === '"') {
      const end = i + 1;
      if (end < query.length && !isFilterSpace(query[end])) {
        throw new FilterSyntaxError(`Expected a space after the closing quote ${positionText(end, end + 1)}`, end, end + 1);
      }
      return out.done(end);
    }
    if (ch === "\\") {
      // A backslash as the last character cannot close the quote: the quote is what is missing.
      if (i + 1 >= query.length) break;
      out.escape(query, i);
      i++;
    } else {
      out.plain(ch);
    }
  }
  throw new FilterSyntaxError(`Unterminated quote starting at ${open + 1}`, open, query.length);
}

function scanBare(query: string, start: number): ScannedValue {
  const out = new ValueBuilder(false);
  let i = start;
  for (; i < query.length && !isFilterSpace(query[i]); i++) {
    const ch = query[i] ?? "";
    if (ch === '"') {
      throw new FilterSyntaxError(`Unexpected quote ${positionText(i, i + 1)}: quote the whole value, or escape the quote as \\"`, i, i + 1);
    }
    if (ch === "\\") {
      if (i + 1 >= query.length) throw new FilterSyntaxError(`Nothing to escape after the backslash ${positionText(i, i + 1)}`, i, i + 1);
      out.escape(query, i);
      i++;
    } else {
      out.plain(ch);
    }
  }
  return out.done(i);
}

class ValueBuilder {
  private literal = "";
  private pattern = "";
  private wildcard = false;
  constructor(private readonly quoted: boolean) {}

  plain(ch: string): void {
    this.literal += ch;
    this.pattern += ch;
    if (ch === "*") this.wildcard = true;
  }

  /** The escape whose backslash is at `at`; the caller has checked a character follows. */
  escape(query: string, at: number): void {
    const next = query[at + 1] ?? "";
    if (next === '"') {
      this.literal += '"';
      this.pattern += '"';
    } else if (next === "\\" || next === "*") {
      this.literal += next;
      this.pattern += `\\${next}`;
    } else {
      const shown = String.fromCodePoint(query.codePointAt(at + 1) ?? 0);
      const end = at + 1 + shown.length;
      throw new FilterSyntaxError(
        `Unknown escape "\\${shown}" ${positionText(at, end)}: use \\\\ for a backslash, \\" for a quote, \\* for a literal star`,
        at,
        end,
      );
    }
  }

  done(end: number): ScannedValue {
    return { literal: this.literal, pattern: this.pattern, wildcard: this.wildcard, quoted: this.quoted, end };
  }
}
