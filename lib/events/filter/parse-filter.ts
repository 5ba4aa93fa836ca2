import type { DistributiveOmit, FieldTerm, FilterAst, FilterTerm, TermSpan, TextTerm } from "./filter-ast";
import { resolveFilterName, suggestFilterName, type FilterField, type PseudoFieldName } from "./filter-fields";
import { DEVIATION_KIND_IDS, isDeviationKind } from "@/lib/baselines/deviation-kinds";
import { FilterSyntaxError, positionText, quoteForMessage } from "./filter-syntax-error";
import { parseCidr } from "./parse-cidr";
import { parseFilterTime, TIME_FORMATS_HINT } from "./parse-filter-time";
import { isFilterSpace, scanFilterValue, type ScannedValue } from "./scan-filter-value";
import { normalizeTag, TAG_RULE } from "@/lib/tags/tag-schemas";

export { formatFilter, formatTerm } from "./format-filter";
export { removeTerm } from "./remove-filter-term";

/** Bounds on what one search may ask of the database (each term is a predicate over the case). */
export const FILTER_MAX_LENGTH = 4000;
export const FILTER_MAX_TERMS = 64;

/** `name:` at the start of a term. A leading letter keeps "11:00" and "::1" free text. */
const FIELD_PREFIX = /[A-Za-z][A-Za-z0-9_.]*:/y;
/** A pasted ARN ("arn:aws:iam::…", "arn:aws-cn:…") is text, not the `arn` alias with value "aws:…". */
const PASTED_ARN = /^aws(-[a-z0-9]+)*:/;

/**
 * Reads the search box. Whitespace separates terms; `field:value` filters a field, `-` negates a
 * term, bare words and "quoted phrases" are free text. The same field repeated is an OR of its values;
 * everything else is ANDed (see filter-to-sql.ts). Returns plain data for chips and SQL.
 *
 * Throws only FilterSyntaxError, whatever the input, with the offending span: the query is typed by
 * a person, so a mistake is a message under the box, never a server error.
 */
export function parseFilter(query: string): FilterAst {
  if (typeof query !== "string") throw new FilterSyntaxError("The filter must be text", 0, 0);
  if (query.length > FILTER_MAX_LENGTH) {
    throw new FilterSyntaxError(
      `The filter is too long: ${query.length.toLocaleString("en-US")} characters, the limit is ${FILTER_MAX_LENGTH.toLocaleString("en-US")}`,
      FILTER_MAX_LENGTH,
      query.length,
    );
  }
  // PostgreSQL text cannot hold NUL (ingest strips it), so no value containing one could ever match.
  const nul = query.indexOf("\u0000");
  if (nul >= 0) throw new FilterSyntaxError(`The filter contains a NUL character ${positionText(nul, nul + 1)}`, nul, nul + 1);

  const terms: FilterTerm[] = [];
  let i = 0;
  for (;;) {
    while (i < query.length && isFilterSpace(query[i])) i++;
    if (i >= query.length) return { terms };
    const term = readTerm(query, i);
    if (terms.length === FILTER_MAX_TERMS) {
      throw new FilterSyntaxError(`Too many terms: the limit is ${FILTER_MAX_TERMS}`, term.start, term.end);
    }
    terms.push(term);
    i = term.end;
  }
}

function readTerm(query: string, start: number): FilterTerm {
  const negated = query[start] === "-";
  const p = negated ? start + 1 : start;
  if (p >= query.length || isFilterSpace(query[p])) {
    throw new FilterSyntaxError(`Expected a term after "-" ${positionText(start, start + 1)}`, start, start + 1);
  }
  FIELD_PREFIX.lastIndex = p;
  const prefix = query[p] === '"' ? null : FIELD_PREFIX.exec(query);
  if (prefix) {
    const name = prefix[0].slice(0, -1);
    const valueStart = p + prefix[0].length;
    const resolved = resolveFilterName(name);
    if (!resolved) throw unknownField(name, p, valueStart, "");
    if (valueStart >= query.length || isFilterSpace(query[valueStart])) {
      throw new FilterSyntaxError(`Empty value for ${name}: ${positionText(start, valueStart)}`, start, valueStart);
    }
    const value = scanFilterValue(query, valueStart);
    const isPastedArn = name.toLowerCase() === "arn" && !value.quoted && PASTED_ARN.test(query.slice(valueStart, value.end));
    if (!isPastedArn) {
      const ctx: FieldContext = { name, value, valueStart, negated, termStart: start };
      const body = resolved.kind === "pseudo" ? pseudoTerm(resolved.name, ctx) : fieldTerm(resolved.field, ctx);
      const term: FieldTerm = { ...body, negated, raw: query.slice(start, value.end), start, end: value.end };
      return term;
    }
  }
  const value = scanFilterValue(query, p);
  if (value.literal === "" && value.quoted) {
    throw new FilterSyntaxError(`Empty quoted text ${positionText(p, value.end)}`, p, value.end);
  }
  const text: TextTerm = { kind: "text", negated, value: value.pattern, raw: query.slice(start, value.end), start, end: value.end };
  return text;
}

type FieldContext = { name: string; value: ScannedValue; valueStart: number; negated: boolean; termStart: number };
type TermBody = DistributiveOmit<FieldTerm, keyof TermSpan | "negated">;

function fieldTerm(field: FilterField, ctx: FieldContext): TermBody {
  const { value } = ctx;
  switch (field.type) {
    case "time":
      throw valueError(ctx, `Filter ${field.name} with after: and before:, e.g. after:2023-07-10T11:00Z`);
    case "bool":
      return { kind: "field", field: field.name, op: "bool", value: parseBool(ctx) };
    case "ip":
      if (!value.wildcard && value.literal.includes("/")) {
        const cidr = parseCidr(value.literal);
        if (!cidr.ok) throw valueError(ctx, `Invalid CIDR ${quoteForMessage(value.literal)}: ${cidr.reason}`);
        return { kind: "field", field: field.name, op: "cidr", value: cidr.value };
      }
      break;
    case "int":
      if (value.wildcard || !/^\d{1,10}$/.test(value.literal) || Number(value.literal) > 2_147_483_647) {
        throw valueError(ctx, `${field.name}: takes a whole number, not ${quoteForMessage(value.literal)}`);
      }
      return { kind: "field", field: field.name, op: "eq", value: value.literal };
    case "text":
    case "list":
      break;
  }
  return value.wildcard
    ? { kind: "field", field: field.name, op: "wildcard", value: value.pattern }
    : { kind: "field", field: field.name, op: "eq", value: value.literal };
}

function pseudoTerm(pseudo: PseudoFieldName, ctx: FieldContext): TermBody {
  const { value } = ctx;
  switch (pseudo) {
    case "after":
    case "before": {
      if (ctx.negated) {
        const other = pseudo === "after" ? "before" : "after";
        const message = `${pseudo}: cannot be negated; use ${other}: instead`;
        throw new FilterSyntaxError(message, ctx.termStart, value.end);
      }
      const iso = value.wildcard ? null : parseFilterTime(value.literal);
      if (!iso) throw valueError(ctx, `Invalid time ${quoteForMessage(value.literal)} for ${pseudo}: ${TIME_FORMATS_HINT}`);
      return { kind: "field", field: "eventTime", op: pseudo, value: iso };
    }
    case "denied":
      return { kind: "field", field: "errorCode", op: "denied", value: parseBool(ctx) };
    case "trusted":
      return { kind: "field", field: "sourceIPAddress", op: "trusted", value: parseBool(ctx) };
    case "expectedCountry":
      return { kind: "field", field: "country", op: "expectedCountry", value: parseBool(ctx) };
    case "has": {
      // has:note is not a column: the event has a note in the case (lib/notes).
      if (!value.wildcard && value.literal.toLowerCase() === "note") return { kind: "field", field: "eventID", op: "note", value: true };
      const target = resolveFilterName(value.literal);
      if (target?.kind === "field") return { kind: "field", field: target.field.name, op: "has", value: true };
      if (target || value.wildcard || !/^[A-Za-z][A-Za-z0-9_.]*$/.test(value.literal)) {
        throw valueError(ctx, `has: takes a field name, not ${quoteForMessage(value.literal)}`);
      }
      throw unknownField(value.literal, ctx.valueStart, value.end, " for has:");
    }
    case "lineage":
      // One key, the root of a tree of keys; a pattern would make that tree the union of unknown roots.
      if (value.wildcard) throw valueError(ctx, `lineage: takes one access key, not a pattern like ${quoteForMessage(value.literal)}`);
      return { kind: "field", field: "userIdentity.accessKeyId", op: "lineage", value: value.literal };
    case "finding": {
      const id = value.literal.toLowerCase();
      if (value.wildcard || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
        throw valueError(ctx, `finding: takes a finding id, not ${quoteForMessage(value.literal)}`);
      }
      return { kind: "field", field: "eventID", op: "finding", value: id };
    }
    case "deviation": {
      const kind = value.literal.toLowerCase();
      if (value.wildcard || (kind !== "any" && !isDeviationKind(kind))) {
        throw valueError(ctx, `deviation: takes one of ${DEVIATION_KIND_IDS.join(", ")} or any, not ${quoteForMessage(value.literal)}`);
      }
      return { kind: "field", field: "eventID", op: "deviation", value: kind };
    }
    case "tag": {
      const tag = value.wildcard ? null : normalizeTag(value.literal);
      if (tag === null) throw valueError(ctx, `tag: takes one tag, not ${quoteForMessage(value.literal)}. ${TAG_RULE}`);
      return { kind: "field", field: "eventID", op: "tag", value: tag };
    }
    case "is": {
      const word = value.wildcard ? "" : value.literal.toLowerCase();
      const kind = word === "starred" || word === "star" ? "star" : word === "evidence" ? "evidence" : null;
      if (kind === null) throw valueError(ctx, `is: takes starred or evidence, not ${quoteForMessage(value.literal)}`);
      return { kind: "field", field: "eventID", op: "mark", value: kind };
    }
  }
}

function parseBool(ctx: FieldContext): boolean {
  const lower = ctx.value.literal.toLowerCase();
  if (!ctx.value.wildcard && (lower === "true" || lower === "false")) return lower === "true";
  throw valueError(ctx, `"${ctx.name}" takes true or false, not ${quoteForMessage(ctx.value.literal)}`);
}

function valueError(ctx: FieldContext, message: string): FilterSyntaxError {
  return new FilterSyntaxError(message, ctx.valueStart, ctx.value.end);
}

function unknownField(name: string, start: number, end: number, context: string): FilterSyntaxError {
  const suggestion = suggestFilterName(name);
  const hint = suggestion
    ? `Did you mean "${suggestion}"?`
    : context
      ? "See the field list for the names you can use."
      : 'To search for text containing ":", put it in quotes.';
  return new FilterSyntaxError(`Unknown field ${quoteForMessage(name)}${context} ${positionText(start, end)}. ${hint}`, start, end);
}
