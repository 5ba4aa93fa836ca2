// CloudTrail strings are attacker-controlled, and the CLI prints them to a terminal: an ESC or CSI
// inside a user agent could move the cursor, rewrite earlier lines or set the window title.

// C0 controls, DEL, C1 controls (U+009B is CSI on terminals that honour C1), line and paragraph
// separators, and bidirectional overrides that can reorder what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** One JSON line whose text has no control character: the same JSON value as JSON.stringify's. */
export function terminalSafeJson(value: unknown): string {
  // JSON.stringify already escapes C0 inside strings; the rest are escaped here, which JSON allows.
  return JSON.stringify(value).replace(UNSAFE, escapeChar);
}

/** Text for a human reader on a terminal: every unsafe character shown as a visible \uXXXX escape. */
export function terminalSafeText(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}
