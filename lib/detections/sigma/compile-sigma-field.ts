/**
 * One `field|modifier|…: value(s)` entry of a Sigma search identifier, compiled to a predicate on the
 * record. Supported: plain (case-insensitive equality, `*` / `?` wildcards), contains, startswith,
 * endswith, all, re (with its i / m / s flags), fieldref, cidr, exists, and expand when placeholder
 * values are configured. Anything else is refused with a SigmaRuleError naming it.
 */
import { compileCidr } from "./match-cidr";
import { compileFieldPath, isPresent, scalarString, valueMatches } from "./sigma-field-values";
import { compareLiteral, compileSigmaString, sigmaLiteral, type StringMode, type StringTest } from "./sigma-string-test";
import { SigmaRuleError, type SigmaCompileOptions, type SigmaPredicate } from "./sigma-types";

const SUPPORTED = new Set(["contains", "startswith", "endswith", "all", "re", "i", "m", "s", "fieldref", "cidr", "exists", "expand"]);
const MODES = ["contains", "startswith", "endswith"] as const;

/**
 * What an entry tells the needs derivation: the field must equal one of these literal values, and/or
 * (`patterns`) be ILIKE one of these patterns — a superset of what the entry matches (case folded).
 */
export type FieldConstraint = { field: string; values: readonly string[]; patterns?: readonly string[] } | null;
export type CompiledField = { predicate: SigmaPredicate; constraint: FieldConstraint };

type Scalar = string | number | boolean | null;

function toValueList(field: string, raw: unknown): Scalar[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new SigmaRuleError(`field "${field}" has an empty value list`);
  for (const v of list) {
    if (v !== null && typeof v === "object") throw new SigmaRuleError(`field "${field}" has a nested list or map as a value`);
  }
  return list as Scalar[];
}

function expandPlaceholders(field: string, values: Scalar[], options: SigmaCompileOptions): Scalar[] {
  const out: Scalar[] = [];
  for (const value of values) {
    if (typeof value !== "string") {
      out.push(value);
      continue;
    }
    // `\%` is a plain percent sign; %Name% is a placeholder.
    const parts = value.split(/(?<!\\)(%[^%]+%)/);
    let expanded = [""];
    for (const part of parts) {
      const name = /^%([^%]+)%$/.exec(part)?.[1];
      let choices: readonly string[] = [part.replace(/\\%/g, "%")];
      if (name !== undefined) {
        const configured = options.placeholders?.[name];
        if (configured === undefined || configured.length === 0) {
          throw new SigmaRuleError(`field "${field}" uses the |expand placeholder %${name}% and no values are configured for it`);
        }
        choices = configured;
      }
      expanded = expanded.flatMap((prefix) => choices.map((c) => prefix + c));
    }
    out.push(...expanded);
  }
  return out;
}

function combine(tests: SigmaPredicate[], all: boolean): SigmaPredicate {
  if (tests.length === 1) return tests[0]!;
  return all ? (r) => tests.every((t) => t(r)) : (r) => tests.some((t) => t(r));
}

export function compileSigmaField(key: string, raw: unknown, options: SigmaCompileOptions): CompiledField {
  const [field = "", ...modifiers] = key.split("|");
  if (field === "") throw new SigmaRuleError(`keyword search ("${key}" without a field name) is not supported`);
  for (const m of modifiers) {
    if (!SUPPORTED.has(m)) throw new SigmaRuleError(`unsupported modifier |${m} on field "${field}"`);
  }
  const has = (m: string) => modifiers.includes(m);
  const modes = MODES.filter(has);
  const kinds = ["re", "cidr", "exists", "fieldref"].filter(has);
  if (modes.length > 1 || kinds.length > 1 || (kinds.length === 1 && kinds[0] !== "fieldref" && modes.length > 0)) {
    throw new SigmaRuleError(`field "${field}" combines modifiers that exclude each other (${modifiers.map((m) => `|${m}`).join("")})`);
  }
  if ((has("i") || has("m") || has("s")) && !has("re")) throw new SigmaRuleError(`field "${field}" uses a regular-expression flag without |re`);
  const mode: StringMode = modes[0] ?? "equals";
  const all = has("all");
  let values = toValueList(field, raw);
  if (has("expand")) values = expandPlaceholders(field, values, options);
  const get = compileFieldPath(field);

  if (has("exists")) {
    const wanted = values.length === 1 ? scalarString(values[0])?.toLowerCase() : undefined;
    if (wanted !== "true" && wanted !== "false") throw new SigmaRuleError(`field "${field}|exists" needs true or false`);
    const present = wanted === "true";
    return { predicate: (r) => isPresent(get(r)) === present, constraint: null };
  }

  const absent: SigmaPredicate = (r) => {
    // null: the field is absent or null (how pySigma backends read it).
    const found = get(r);
    return found.length === 0 || found.some((v) => v === null);
  };
  const stringTest = (text: string): StringTest => {
    if (has("re")) {
      try {
        const re = new RegExp(text, ["i", "m", "s"].filter(has).join(""));
        return (v) => re.test(v);
      } catch {
        throw new SigmaRuleError(`field "${field}|re" has an invalid regular expression`);
      }
    }
    return compileSigmaString(text, mode);
  };
  const fieldref = (text: string): SigmaPredicate => {
    const other = compileFieldPath(text);
    return (r) => {
      const mine = get(r).map(scalarString);
      return other(r).some((o) => {
        const s = scalarString(o);
        return s !== null && mine.some((m) => m !== null && compareLiteral(m, s, mode));
      });
    };
  };
  const cidr = (text: string): SigmaPredicate => {
    const inRange = compileCidr(text);
    return (r) => get(r).some((v) => typeof v === "string" && inRange(v));
  };
  const onValues = (test: StringTest): SigmaPredicate => (r) => get(r).some((v) => valueMatches(v, test));
  const single = (value: Scalar): SigmaPredicate => {
    if (value === null) return absent;
    const text = String(value);
    if (has("fieldref")) return fieldref(text);
    if (has("cidr")) return cidr(text);
    return onValues(stringTest(text));
  };

  let predicate: SigmaPredicate;
  const strings = values.filter((v) => v !== null);
  if (!all && strings.length > 1 && !has("fieldref") && !has("cidr")) {
    // One pass over the field's values for a whole OR-list; plain literals through one Set lookup.
    const literals = mode === "equals" && !has("re") ? strings.map((v) => sigmaLiteral(String(v))) : [];
    const set = new Set(literals.filter((l) => l !== null).map((l) => l.toLowerCase()));
    const others = strings.filter((_, i) => literals[i] === undefined || literals[i] === null).map((v) => stringTest(String(v)));
    const longest = Math.max(0, ...[...set].map((l) => l.length));
    const inSet: StringTest = (v) => v.length <= longest && set.has(v.toLowerCase());
    const tests = set.size > 0 ? [inSet, ...others] : others;
    const any = onValues(tests.length === 1 ? tests[0]! : (v) => tests.some((t) => t(v)));
    predicate = strings.length < values.length ? (r) => any(r) || absent(r) : any;
  } else {
    predicate = combine(values.map(single), all);
  }

  const literal = modifiers.length === 0 && values.every((v) => typeof v === "string" && sigmaLiteral(v) === v);
  const patterns =
    !all && !has("fieldref") && !has("cidr") && !has("exists") && values.every((v) => typeof v === "string")
      ? values.map((v) => (has("re") ? simpleRegexToLike(String(v)) : sigmaToLike(String(v), mode)))
      : null;
  const likes = patterns !== null && patterns.every((p): p is string => p !== null) ? patterns : undefined;
  const constraint = literal || likes ? { field, values: literal ? (values as string[]) : [], ...(likes ? { patterns: likes } : {}) } : null;
  return { predicate, constraint };
}

/** A Sigma value (with `*` / `?` wildcards) as an ILIKE pattern; null when it carries escapes. */
function sigmaToLike(text: string, mode: StringMode): string | null {
  if (text.includes("\\")) return null;
  const body = text.replace(/[%_]/g, (c) => `\\${c}`).replace(/\*/g, "%").replace(/\?/g, "_");
  return mode === "contains" ? `%${body}%` : mode === "startswith" ? `${body}%` : mode === "endswith" ? `%${body}` : body;
}

/**
 * A regular expression made only of literal characters and `.*` / `.+` (e.g. `.+:assumed-role/aws:.+`)
 * as the ILIKE pattern of the values it finds (a search, not anchored, unless `^` / `$`); else null.
 */
function simpleRegexToLike(text: string): string | null {
  const anchoredStart = text.startsWith("^");
  const anchoredEnd = text.endsWith("$") && !text.endsWith("\\$");
  const core = text.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  if (!/^(?:[A-Za-z0-9:/@=, -]|\.\*|\.\+)*$/.test(core)) return null;
  const body = core.replace(/\.\+/g, "_%").replace(/\.\*/g, "%");
  return `${anchoredStart ? "" : "%"}${body}${anchoredEnd ? "" : "%"}`;
}
