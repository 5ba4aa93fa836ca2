// PostgreSQL COPY text format: tab-separated, \N for NULL, and backslash, tab, newline and carriage
// return escaped. Values are attacker-controlled CloudTrail strings; this escaping is what keeps them
// data (COPY has no SQL to inject into, but an unescaped tab or newline would shift columns).

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** A text[] literal ({"a","b"}) with each element quoted, then COPY-escaped. */
export function copyTextArray(values: readonly string[]): string {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
  return copyText(literal);
}

export function copyValue(value: string | number | boolean | Date | readonly string[] | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return copyText(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  return copyTextArray(value);
}

/**
 * COPY text of JSON.stringify output (a record's search text): JSON escapes every control character, so
 * it holds no raw tab, newline or carriage return and only its backslashes need doubling, which a plain
 * substring search finds far faster than the general escape's per-character test.
 */
export function copyJsonText(json: string | null): string {
  if (json === null) return "\\N";
  return json.includes("\\") ? json.replaceAll("\\", "\\\\") : json;
}
