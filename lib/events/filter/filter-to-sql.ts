import type { FieldTerm, FilterAst, FilterOp, FilterTerm } from "./filter-ast";
import { DENIED_ERROR_CODES, filterFieldByName, type FilterField } from "./filter-fields";
import { FilterSyntaxError } from "./filter-syntax-error";
import { IPV4_REGEX_SOURCE, IPV6_REGEX_SOURCE, parseCidr } from "./parse-cidr";
import { lineageClosureSql } from "@/lib/lineage/lineage-closure-sql";
import { DEVIATION_KIND_IDS, isDeviationKind } from "@/lib/baselines/deviation-kinds";
import { isMarkKind, TAG_PATTERN } from "@/lib/tags/tag-schemas";

/**
 * Columns searched by a free-text term: the normalised text columns and `search_text`, the rest of the
 * raw record as compact JSON (lib/cloudtrail/record-search-text.ts), so free text covers the whole
 * record. An ILIKE over these is a sequential scan of the case's matching rows: combine free text with
 * an indexed term (key, role, IP, time) on large cases.
 */
export const FREE_TEXT_COLUMNS = [
  "event_name",
  "user_agent",
  "principal_arn",
  "error_message",
  "source_ip_address",
  "access_key_id",
  "user_name",
  "search_text",
] as const;

/**
 * `source_ip_address` is TEXT and holds more than addresses ("cloudtrail.amazonaws.com", "AWS
 * Internal", malformed "255.090.254.5"), and `'x'::inet` raises an error that would fail the whole
 * query. The cast therefore only runs on values the regex proves are valid `inet` text (strict
 * dotted quads; all-hex IPv6), and CASE evaluates its THEN branch only for those rows; anything else
 * is NULL and matches no network. The regex has no quote or backslash, so it is a plain literal under
 * any `standard_conforming_strings`. Integration-tested in filter-to-sql.int.test.ts.
 */
export function guardedInetSql(column: string): string {
  return `(CASE WHEN ${column} ~ '^(${IPV4_REGEX_SOURCE}|${IPV6_REGEX_SOURCE})$' THEN ${column}::inet END)`;
}

/** Ops whose repeated (non-negated) terms on one field are ORed; every other term is its own AND clause. */
const ORABLE_OPS: ReadonlySet<FilterOp> = new Set(["eq", "wildcard", "cidr", "bool", "lineage", "deviation", "finding", "tag", "mark"]);

/** Ops whose SQL reads the case (other events, or the case's settings) through `$1`, the case id. */
const CASE_READING_OPS: ReadonlySet<FilterOp> = new Set(["lineage", "trusted", "expectedCountry", "deviation", "finding", "tag", "mark", "note"]);

/** LIKE's escape character, stated explicitly on every LIKE so the patterns below never depend on a default. */
const ESCAPE = "ESCAPE '\\'";

/**
 * The WHERE fragment (without "WHERE") for a parsed filter over the `events` columns, `TRUE` when
 * the filter is empty. Every user value is a `$n` parameter, numbered from `firstParam` in order of
 * appearance in the SQL text; no value is ever part of the SQL text. The fragment is an AND list:
 * append it with AND, or wrap it in parentheses to combine it any other way.
 *
 * Semantics:
 * - one field repeated (not negated): OR of its values (`eventName:A eventName:B`);
 * - different fields, free-text words, after/before/has/denied and every negated term: AND;
 * - negation keeps NULLs: `-readOnly:true` matches false and unknown, `-errorCode:X` matches rows
 *   without an error code (IS DISTINCT FROM, or `(…) IS NOT TRUE` around a LIKE/CIDR test);
 * - text comparisons are case-sensitive (`=`, `LIKE`), as CloudTrail values are: `eventName:assumerole`
 *   does not match AssumeRole. Free text alone is case-insensitive (ILIKE).
 * - `lineage:K` is `access_key_id = ANY(ARRAY(<K and every key derived from it>))`, a recursive
 *   subquery over this case's key-issuing events (lib/lineage/lineage-closure-sql.ts), computed once
 *   (an InitPlan) and then looked up in (case_id, access_key_id, event_time). Not `IN (subquery)`: the
 *   planner turns that into a semi-join it over-estimates, and a newest-first page then walks the
 *   whole time index (0.7–2.3 s at 1M events against 0.6 ms median, 15 ms p95). Repeated, it is an OR.
 * - `deviation:K` is an EXISTS on event_deviations (the event's deviations from its identity's
 *   baseline, lib/baselines) whose kinds include K (`any`: any kind), scoped by `case_id = $1`.
 *   Repeated, it is an OR.
 * - `tag:T`, `is:starred` / `is:evidence` and `has:note` are EXISTS on event_tags, event_marks and
 *   notes (lib/tags, lib/notes) by primary key or index, scoped by `case_id = $1`, so another case's
 *   tag on the same event id never matches. Negated, NOT EXISTS. `tag:` and `is:` repeated are an OR.
 *
 * **`$1` is the case id.** Every caller (find-events.ts, count-events.ts) passes the case id as `$1`
 * and the filter's values from `firstParam` ≥ 2 on: the `lineage:` subquery reads other rows of
 * `events` and scopes them with `case_id = $1`. A filter with `lineage:` refuses `firstParam` 1.
 *
 * The AST is re-checked against the field table (a forged field or op is a FilterSyntaxError), and
 * column names only ever come from that table. Still, parse the query string on the server rather
 * than trusting an AST sent by a browser.
 */
export function filterToSql(ast: FilterAst, firstParam: number): { sql: string; values: unknown[] } {
  if (!Number.isSafeInteger(firstParam) || firstParam < 1) throw new RangeError(`firstParam must be a positive integer, got ${firstParam}`);
  if (typeof ast !== "object" || ast === null || !Array.isArray(ast.terms)) throw invalidAst();
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${firstParam + values.length - 1}`;
  };

  // Groups in order of first appearance; a group of one is a single predicate.
  const clauses: FilterTerm[][] = [];
  const orGroups = new Map<string, FilterTerm[]>();
  for (const term of ast.terms) {
    if (typeof term !== "object" || term === null) throw invalidAst();
    if (term.kind === "field" && CASE_READING_OPS.has(term.op) && firstParam < 2) {
      throw new RangeError(`a ${term.op}: filter reads the case through $1: firstParam must be 2 or more`);
    }
    if (term.kind === "field" && !term.negated && ORABLE_OPS.has(term.op)) {
      // `lineage:` terms form their own group: `key:A lineage:B` is an AND, `lineage:A lineage:B` an OR.
      // So do `deviation:` terms (their field, eventID, is only nominal): `deviation:ip deviation:tool` is an OR.
      // So do `tag:` and `is:` terms: `tag:a tag:b` is an OR, `tag:a is:starred` an AND.
      const groupKey = ["lineage", "deviation", "finding", "tag", "mark"].includes(term.op) ? ` ${term.op}` : term.field;
      const group = orGroups.get(groupKey);
      if (group) {
        group.push(term);
        continue;
      }
      orGroups.set(groupKey, [term]);
      clauses.push(orGroups.get(groupKey) ?? []);
    } else {
      clauses.push([term]);
    }
  }

  const sql = clauses
    .map((group) => {
      const parts = group.map((term) => (term.kind === "text" ? textSql(term.value, term.negated, param) : fieldSql(term, param)));
      return parts.length === 1 ? (parts[0] ?? "TRUE") : `(${parts.join(" OR ")})`;
    })
    .join(" AND ");
  return { sql: sql || "TRUE", values };
}

type Param = (value: unknown) => string;

function textSql(pattern: string, negated: boolean, param: Param): string {
  if (typeof pattern !== "string") throw invalidAst();
  const p = param(`%${patternToLike(pattern)}%`);
  const any = `(${FREE_TEXT_COLUMNS.map((c) => `${c} ILIKE ${p} ${ESCAPE}`).join(" OR ")})`;
  return negated ? `${any} IS NOT TRUE` : any;
}

function fieldSql(term: FieldTerm, param: Param): string {
  const field = filterFieldByName(term.field);
  if (!field || !opFits(field, term)) throw invalidAst();
  const col = field.column;
  const not = term.negated;
  if (field.type === "list") return listSql(col, term, param);
  switch (term.op) {
    case "eq":
      if (field.type === "int") return `${col} ${not ? "IS DISTINCT FROM" : "="} ${param(Number(term.value))}::int`;
      return `${col} ${not ? "IS DISTINCT FROM" : "="} ${param(term.value)}`;
    case "bool":
      return `${col} ${not ? "IS DISTINCT FROM" : "="} ${param(term.value)}`;
    case "wildcard":
      return maybeNot(`${col} LIKE ${param(patternToLike(term.value))} ${ESCAPE}`, not);
    case "cidr": {
      const cidr = parseCidr(term.value);
      if (!cidr.ok) throw invalidAst();
      return maybeNot(`${guardedInetSql(col)} <<= ${param(cidr.value)}::cidr`, not);
    }
    case "after":
    case "before": {
      const at = new Date(term.value);
      if (not || Number.isNaN(at.getTime())) throw invalidAst();
      return `${col} ${term.op === "after" ? ">=" : "<"} ${param(at)}`;
    }
    case "has":
      return `${col} ${not ? "IS NULL" : "IS NOT NULL"}`;
    case "denied":
      // -denied:true is denied:false: rows without a denial, including rows without an error code.
      return maybeNot(`${col} = ANY(${param([...DENIED_ERROR_CODES])}::text[])`, term.value === not);
    case "trusted":
      // Inside one of the case's trusted networks (canonical CIDRs, validated when saved). Untrusted
      // (trusted:false) includes service principals and junk addresses, which are in no network.
      return maybeNot(`${guardedInetSql(col)} <<= ANY((SELECT trusted_networks FROM cases WHERE id = $1)::cidr[])`, term.value === not);
    case "expectedCountry":
      return maybeNot(`${col} = ANY((SELECT expected_countries FROM cases WHERE id = $1)::text[])`, term.value === not);
    case "lineage":
      // -lineage:K keeps the events made without any key, as other negations keep NULLs.
      return maybeNot(`${col} = ANY(ARRAY(${lineageClosureSql("$1", param(term.value))}))`, not);
    case "finding":
      // The finding's event ids, read inside the case ($1): another case's finding id matches nothing.
      return maybeNot(`events.event_id = ANY(ARRAY(SELECT unnest(f.event_ids) FROM findings f WHERE f.case_id = $1 AND f.id = ${param(term.value)}::uuid))`, not);
    case "deviation": {
      // Rows of lib/baselines/compute-baselines.ts, found by primary key. `events.event_id` is qualified:
      // unqualified, it would name d.event_id. NOT EXISTS: an event without deviations is "not" any kind.
      const kinds = term.value === "any" ? [...DEVIATION_KIND_IDS] : [term.value];
      const exists = `EXISTS (SELECT 1 FROM event_deviations d WHERE d.case_id = $1 AND d.event_id = events.event_id AND d.kinds && ${param(kinds)}::text[])`;
      return not ? `NOT ${exists}` : exists;
    }
    case "tag":
    case "mark":
    case "note": {
      // Rows of lib/tags and lib/notes; `events.event_id` is qualified for the same reason as above.
      const exists =
        term.op === "tag"
          ? `EXISTS (SELECT 1 FROM event_tags t WHERE t.case_id = $1 AND t.event_id = events.event_id AND t.tag = ${param(term.value)})`
          : term.op === "mark"
            ? `EXISTS (SELECT 1 FROM event_marks m WHERE m.case_id = $1 AND m.event_id = events.event_id AND m.kind = ${param(term.value)})`
            : `EXISTS (SELECT 1 FROM notes n WHERE n.case_id = $1 AND n.event_id = events.event_id)`;
      return not ? `NOT ${exists}` : exists;
    }
  }
}

/** A TEXT[] column: the term matches when any element does (`@>` for equality, so a GIN index could serve it). */
function listSql(col: string, term: FieldTerm, param: Param): string {
  switch (term.op) {
    case "eq":
      return maybeNot(`${col} @> ARRAY[${param(term.value)}::text]`, term.negated);
    case "wildcard":
      return maybeNot(`EXISTS (SELECT 1 FROM unnest(${col}) AS element WHERE element LIKE ${param(patternToLike(term.value))} ${ESCAPE})`, term.negated);
    case "has":
      return term.negated ? `coalesce(cardinality(${col}), 0) = 0` : `cardinality(${col}) > 0`;
    default:
      throw invalidAst();
  }
}

/** NOT that keeps NULLs on the matching side: a NULL column "is not" any pattern or network. */
function maybeNot(predicate: string, negate: boolean): string {
  return negate ? `(${predicate}) IS NOT TRUE` : predicate;
}

function opFits(field: FilterField, term: FieldTerm): boolean {
  const booleanOps: readonly FilterOp[] = ["bool", "denied", "has", "trusted", "expectedCountry", "note"];
  const valueOk = booleanOps.includes(term.op) ? typeof term.value === "boolean" : typeof term.value === "string";
  if (!valueOk) return false;
  switch (term.op) {
    case "eq":
      return field.type === "text" || field.type === "ip" || field.type === "list" || (field.type === "int" && /^\d{1,10}$/.test(String(term.value)));
    case "wildcard":
      return field.type === "text" || field.type === "ip" || field.type === "list";
    case "cidr":
      return field.type === "ip";
    case "bool":
      return field.type === "bool";
    case "after":
    case "before":
      return field.type === "time";
    case "has":
      return true;
    case "denied":
      return field.name === "errorCode";
    case "lineage":
      return field.name === "userIdentity.accessKeyId";
    case "trusted":
      return field.name === "sourceIPAddress";
    case "expectedCountry":
      return field.name === "country";
    case "deviation":
      return field.name === "eventID" && (term.value === "any" || isDeviationKind(term.value));
    case "finding":
      return field.name === "eventID" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(term.value);
    case "tag":
      return field.name === "eventID" && TAG_PATTERN.test(term.value);
    case "mark":
      return field.name === "eventID" && isMarkKind(term.value);
    case "note":
      return field.name === "eventID" && term.value === true;
    default:
      return false;
  }
}

/**
 * A pattern (filter-ast.ts) as a LIKE pattern with `\` as escape: `*` → `%`, and LIKE's own `%`, `_`
 * and `\` in the literal parts escaped so they match themselves.
 */
export function patternToLike(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "*") {
      out += "%";
      continue;
    }
    // `\x` in a pattern is a literal x; a lone trailing backslash (a hand-built AST) is a literal backslash.
    const literal = ch === "\\" && i + 1 < pattern.length ? (pattern[++i] ?? "") : ch;
    out += literal === "%" || literal === "_" || literal === "\\" ? `\\${literal}` : literal;
  }
  return out;
}

function invalidAst(): FilterSyntaxError {
  return new FilterSyntaxError("The filter is not valid; type it again", 0, 0);
}
