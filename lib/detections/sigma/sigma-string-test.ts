/**
 * Sigma string values as tests on one string. Plain values are case-insensitive; `*` matches any run of
 * characters and `?` exactly one; a backslash escapes `*`, `?` and itself, and is literal before anything
 * else (Sigma specification, "Escaping"). `|contains` / `|startswith` / `|endswith` add the `*` around.
 */
export type StringTest = (value: string) => boolean;
export type StringMode = "equals" | "contains" | "startswith" | "endswith";

type Token = { wildcard: "*" | "?" } | { literal: string };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let literal = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === "*" || next === "?" || next === "\\") {
        literal += next;
        i++;
      } else literal += "\\";
    } else if (c === "*" || c === "?") {
      if (literal) tokens.push({ literal });
      literal = "";
      tokens.push({ wildcard: c });
    } else literal += c;
  }
  if (literal) tokens.push({ literal });
  return tokens;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The value without wildcards (escapes resolved), or null when it holds an unescaped `*` or `?`. */
export function sigmaLiteral(pattern: string): string | null {
  const tokens = tokenize(pattern);
  let out = "";
  for (const t of tokens) {
    if ("wildcard" in t) return null;
    out += t.literal;
  }
  return out;
}

/** A case-insensitive test for one Sigma string value under a match mode. */
export function compileSigmaString(pattern: string, mode: StringMode): StringTest {
  const literal = sigmaLiteral(pattern);
  if (literal !== null) {
    const needle = literal.toLowerCase();
    switch (mode) {
      // Lower-casing never shortens a JS string (only U+0130 changes length, and grows), so a longer
      // value can be rejected before lower-casing it: the common case of eventName comparisons.
      case "equals":
        return (v) => v.length <= needle.length && v.toLowerCase() === needle;
      case "contains":
        return needle === "" ? () => true : (v) => v.toLowerCase().includes(needle);
      case "startswith":
        return (v) => v.toLowerCase().startsWith(needle);
      case "endswith":
        return (v) => v.toLowerCase().endsWith(needle);
    }
  }
  const body = tokenize(pattern)
    .map((t) => ("literal" in t ? escapeRegExp(t.literal) : t.wildcard === "*" ? "[\\s\\S]*" : "[\\s\\S]"))
    .join("");
  const head = mode === "contains" || mode === "endswith" ? "" : "^";
  const tail = mode === "contains" || mode === "startswith" ? "" : "$";
  const re = new RegExp(`${head}${body}${tail}`, "i");
  return (v) => re.test(v);
}

/** Case-insensitive literal comparison (fieldref): the other field's value is taken as is, no wildcards. */
export function compareLiteral(value: string, other: string, mode: StringMode): boolean {
  const v = value.toLowerCase();
  const o = other.toLowerCase();
  if (mode === "equals") return v === o;
  if (mode === "contains") return v.includes(o);
  if (mode === "startswith") return v.startsWith(o);
  return v.endsWith(o);
}
