import type { FilterFieldName } from "./filter-fields";

/**
 * The parsed filter: plain, JSON-serialisable data, so the same value drives the SQL builder, the
 * chips under the search box, and a URL or saved search. Terms keep their source span so the UI can
 * highlight or cut the exact text a chip came from.
 *
 * Value encodings (chosen so that a value never needs a side channel to say which stars are wild):
 * - `eq`: the literal value, escapes resolved (`eventName:a\*b` → `a*b`).
 * - `wildcard` and every `text` term: a pattern in which `*` matches any run of characters, `\*` is a
 *   literal star and `\\` a literal backslash; every other character is itself.
 * - `cidr`: the canonical network (host bits cleared), e.g. `203.0.113.0/24`, `2001:db8::/32`.
 * - `after` / `before`: an ISO-8601 UTC instant with milliseconds (`Date#toISOString`).
 * - `bool` / `denied`: the boolean typed; `has`: always `true` (negation says "has no value").
 * - `lineage`: one access key, escapes resolved (never a pattern): the term matches the events made
 *   with that key or with any key issued, directly or not, by calls made with it.
 * - `finding`: a finding id (uuid, lower case): the events behind that detection finding of the case.
 * - `deviation`: a deviation kind (lib/baselines/deviation-kinds.ts) or `any`, lower case.
 * - `tag`: one tag in normal form (lib/tags/tag-schemas.ts: lower case, [a-z0-9._:-]{1,40}), never a pattern.
 * - `mark`: a mark kind, `star` (typed `is:starred`) or `evidence` (typed `is:evidence`).
 * - `note`: always `true` (typed `has:note`; negation says "has no note").
 *
 * For `after`/`before` the field is `eventTime`, for `denied` it is `errorCode`, for `has` it is the
 * field tested, for `lineage` it is `userIdentity.accessKeyId`, for `deviation`, `finding`, `tag`,
 * `mark` and `note` it is `eventID`, so every term names a real column.
 */
export type TermSpan = {
  /** The term exactly as typed, including a leading `-` and quotes. */
  raw: string;
  /** UTF-16 offsets into the query, end exclusive (String#slice / setSelectionRange semantics). */
  start: number;
  end: number;
};

type FieldTermBase = { kind: "field"; field: FilterFieldName; negated: boolean };

export type FieldTerm = TermSpan &
  FieldTermBase &
  (
    | { op: "eq" | "wildcard" | "cidr" | "after" | "before" | "lineage" | "deviation" | "finding" | "tag" | "mark"; value: string }
    | { op: "bool" | "denied" | "has" | "trusted" | "expectedCountry" | "note"; value: boolean }
  );

export type TextTerm = TermSpan & { kind: "text"; negated: boolean; value: string };

export type FilterTerm = FieldTerm | TextTerm;
export type FilterOp = FieldTerm["op"];

export type FilterAst = { terms: FilterTerm[] };

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A term without its source span: what a pivot ("filter on this value") builds before formatting. */
export type FilterTermValue = DistributiveOmit<FilterTerm, keyof TermSpan>;
