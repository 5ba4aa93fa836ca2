/**
 * Scanning helpers for parse-user-agent.ts. Every function is linear in its input (indexOf and
 * bounded loops, no regular expressions), so a hostile user agent cannot make ingest slow, and every
 * string they return is made only of [0-9A-Za-z._+-] characters, so a label never carries markup,
 * control characters or quotes from the evidence.
 */

const MAX_VERSION_CHARS = 32;
const MAX_TOKEN_CHARS = 40;

function isLowerAlnum(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isVersionChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 0x2e || code === 0x2d || code === 0x5f || code === 0x2b;
}

/**
 * Index of `name` in the lowercased user agent where it stands as a word: not preceded by a letter or
 * digit, and not followed by a letter (so `pacu` matches `pacu/1.0` and `Pacu` but not `pacular`).
 */
export function findWord(lower: string, name: string): number {
  let from = 0;
  for (;;) {
    const at = lower.indexOf(name, from);
    if (at === -1) return -1;
    const before = at === 0 ? 0x20 : lower.charCodeAt(at - 1);
    const after = at + name.length >= lower.length ? 0x20 : lower.charCodeAt(at + name.length);
    if (!isLowerAlnum(before) && !(after >= 0x61 && after <= 0x7a)) return at;
    from = at + 1;
  }
}

/**
 * Like findWord, but the word may follow a digit: kernel strings glue the distribution name to the
 * release (`6.0.0-2parrot1-amd64`, `5.10.0-kali7-amd64`).
 */
export function findOsMarker(lower: string, name: string): boolean {
  let from = 0;
  for (;;) {
    const at = lower.indexOf(name, from);
    if (at === -1) return false;
    const before = at === 0 ? 0x20 : lower.charCodeAt(at - 1);
    const after = at + name.length >= lower.length ? 0x20 : lower.charCodeAt(at + name.length);
    if (!(before >= 0x61 && before <= 0x7a) && !(after >= 0x61 && after <= 0x7a)) return true;
    from = at + 1;
  }
}

/** The version right after `index` in the original string, e.g. "1.28.0"; null unless it starts with a digit. */
export function readVersion(s: string, index: number): string | null {
  if (index < 0 || index >= s.length || !isDigit(s.charCodeAt(index))) return null;
  let end = index;
  while (end < s.length && end - index < MAX_VERSION_CHARS && isVersionChar(s.charCodeAt(end))) end++;
  return s.slice(index, end);
}

/** Version after the first of `tokens` (lowercase, ending with their separator) found; -1/null when absent. */
export function versionAfter(s: string, lower: string, tokens: readonly string[]): { at: number; version: string | null } {
  for (const token of tokens) {
    const at = lower.indexOf(token);
    if (at !== -1) return { at, version: readVersion(s, at + token.length) };
  }
  return { at: -1, version: null };
}

/** The leading product token of an unknown user agent (`python-requests/2.28.0` → name and version). */
export function firstProductToken(s: string): { name: string; version: string | null } {
  let end = 0;
  while (end < s.length && end < MAX_TOKEN_CHARS && isVersionChar(s.charCodeAt(end))) end++;
  const name = s.slice(0, end);
  const version = s.charCodeAt(end) === 0x2f ? readVersion(s, end + 1) : null;
  return { name, version };
}

/** "92.0.4515.107" → "92". */
export function majorOf(version: string): string {
  const dot = version.indexOf(".");
  return dot === -1 ? version : version.slice(0, dot);
}

/** Browser name and version from a `Mozilla/…` user agent; the most specific engine token wins. */
export function describeBrowser(s: string, lower: string): { version: string | null; label: string } {
  const browsers: readonly [string, readonly string[]][] = [
    ["Edge", ["edg/", "edge/", "edga/", "edgios/"]],
    ["Opera", ["opr/"]],
    ["Firefox", ["firefox/", "fxios/"]],
    ["Chrome", ["chrome/", "crios/", "chromium/"]],
  ];
  for (const [name, tokens] of browsers) {
    const { at, version } = versionAfter(s, lower, tokens);
    if (at !== -1) return { version, label: version ? `${name} ${majorOf(version)}` : name };
  }
  if (lower.includes("safari/")) {
    const { version } = versionAfter(s, lower, ["version/"]);
    return { version, label: version ? `Safari ${majorOf(version)}` : "Safari" };
  }
  if (lower.includes("msie ") || lower.includes("trident/")) return { version: null, label: "Internet Explorer" };
  return { version: null, label: "Web browser" };
}
