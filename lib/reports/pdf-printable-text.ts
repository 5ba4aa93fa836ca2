/**
 * Text as the PDF report prints it (issue #8). CloudTrail and user strings are attacker-controlled and
 * may hold anything: a PDF has no markup to inject into, but text can still hide (control and format
 * characters: tabs, CR, zero-width spaces, bidi overrides that reorder what a reader sees) or draw as
 * nothing (a code point the embedded font has no glyph for, e.g. CJK in DejaVu Sans). Each such code
 * point is printed as a visible, lossless `[U+XXXX]`; "\r\n" becomes "\n" (line breaks are kept).
 * Pure: the font's coverage is a parameter.
 */
export function pdfPrintableText(text: string, canDraw: (codePoint: number) => boolean): string {
  let out = "";
  for (const ch of text.replace(/\r\n/g, "\n")) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\n" || (!HIDDEN.test(ch) && canDraw(cp))) out += ch;
    else out += `[U+${cp.toString(16).toUpperCase().padStart(4, "0")}]`;
  }
  return out;
}

/**
 * Control characters (C0 but "\n", DEL, C1), format characters (zero-width, bidi controls, soft
 * hyphen …), line and paragraph separators, private-use, surrogate and unassigned code points.
 */
const HIDDEN = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}]$/u;

/**
 * A copy of a JSON-like value (objects, arrays, strings, numbers, booleans, null) with `f` applied to
 * every string, object keys included (records keyed by CloudTrail values, e.g. a lineage's eventCounts,
 * stay consistent with the values that look them up).
 */
export function mapStrings<T>(value: T, f: (text: string) => string): T {
  return walk(value, f) as T;
}

function walk(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, f));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), walk(v, f)]));
  }
  return value;
}
