/**
 * Escaping attacker-controlled text for GitHub-flavoured Markdown (the Markdown report). The output
 * renders as the same characters, as text: never emphasis, code, HTML, a table cell boundary, a link or
 * an autolink. Pure.
 *
 * - Backslash-escaped everywhere: \ ` * _ [ ] < > | ~ $ & (emphasis, code spans, links and images,
 *   raw HTML and autolinks in <…>, table cells, strikethrough, math, entity references).
 * - GFM's literal autolinks are broken up: the ":" of "scheme://", every "@" (e-mail, mailto:, xmpp:)
 *   and the "." of "www.".
 * - NUL becomes U+FFFD (CommonMark does the same).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\0/g, "\uFFFD")
    .replace(/[\\`*_[\]<>|~$&@]/g, "\\$&")
    .replace(/:(?=\/\/)/g, "\\:")
    .replace(/(www)\./gi, "$1\\.");
}

/** Text for one table cell or one line: escaped, line breaks turned into spaces; "—" when empty. */
export function markdownCell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === "") return "—";
  return escapeMarkdown(text.replace(/\r\n|\r|\n/g, " "));
}

/**
 * Multi-line text (a note, the executive summary) as Markdown paragraphs: each line escaped, leading
 * blanks dropped (they would make an indented code block) and a first character that would start a
 * block (heading, quote, list, setext underline, ordered list) escaped; lines of a paragraph joined by
 * hard line breaks, blank lines kept as paragraph breaks.
 */
export function markdownProse(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map((line) => escapeMarkdown(line.trimStart()).replace(/^([#>+=-])|^(\d+)([.)])/, (_m, c: string | undefined, d: string, p: string) => (c ? `\\${c}` : `${d}\\${p}`)));
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    out.push(line !== "" && next !== undefined && next !== "" ? `${line}\\` : line);
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}
