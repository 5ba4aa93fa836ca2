import type { Content, CustomTableLayout, StyleDictionary, TableCell } from "pdfmake/interfaces";
import { formatUtc } from "@/lib/format/format-utc";
import type { ReportEvent } from "@/lib/reports/report-types";

/**
 * Building blocks of the PDF report (pdfmake document nodes). Every value is a pdfmake text node: plain
 * text, never interpreted (pdfmake has no markup), and no node carries a `link`. Tables have fixed
 * column widths so that long unbroken values (ARNs, user agents, keys) wrap inside their column instead
 * of widening it past the page.
 *
 * Headings never end a page: a heading over a table is the table's first (repeated) header row, kept
 * with the first data row; a heading over anything else is kept with it (`keep`). (pdfmake's
 * `pageBreakBefore` hook judges each node once, on an intermediate layout, so it let headings dangle.)
 */

/** A4 (595.28 pt) less 40 pt margins each side. */
export const CONTENT_WIDTH = 515;
export const INK = "#14171c";
export const MUTED = "#5b6472";
export const ACCENT = "#1f5fbf";
const RULE = "#d0d5dd";
const HEAD_FILL = "#eef1f5";
const CELL_PAD = 3;

export const REPORT_PDF_STYLES: StyleDictionary = {
  title: { fontSize: 17, bold: true, margin: [0, 0, 0, 2] },
  subtitle: { fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 10] },
  h1: { fontSize: 13, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
  h2: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 4] },
  h3: { fontSize: 8, bold: true, margin: [0, 2, 0, 1] },
  muted: { color: MUTED },
  small: { fontSize: 7.5 },
  table: { fontSize: 7, margin: [0, 2, 0, 8] },
  th: { bold: true, fillColor: HEAD_FILL },
  mono: { font: "Mono" },
  prose: { fontSize: 9, margin: [0, 0, 0, 6] },
};

/** Horizontal rules only, thin, tight padding; none around a title row (row 0 of a titled table). */
export const REPORT_TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: () => CELL_PAD,
  paddingRight: () => CELL_PAD,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};
const TITLED_TABLE_LAYOUT: CustomTableLayout = { ...REPORT_TABLE_LAYOUT, hLineWidth: (i) => (i === 0 ? 0 : 0.5) };

/** Column widths in points from relative weights, so that the table (padding included) fills `total`. */
export function widths(weights: number[], total = CONTENT_WIDTH): number[] {
  const available = total - weights.length * 2 * CELL_PAD - 1;
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((available * w * 100) / sum) / 100);
}

export function h1(text: string, opts: { pageBreak?: boolean } = {}): Content {
  return { text, style: "h1", ...(opts.pageBreak ? { pageBreak: "before" as const } : {}) };
}

export function h2(text: string): Content {
  return { text, style: "h2" };
}

/** Blocks that stay on one page together (a heading and what it introduces); only for content shorter than a page. */
export function keep(...blocks: Content[]): Content {
  return { unbreakable: true, stack: blocks };
}

/** `keep`, starting a new page. */
export function keepOnNewPage(...blocks: Content[]): Content {
  return { unbreakable: true, pageBreak: "before", stack: blocks };
}

/** A title row spanning `columns`, for a table's `title`. */
function titleRow(title: Content, columns: number): TableCell[] {
  return [{ stack: [title], colSpan: columns, margin: [-CELL_PAD, 0, -CELL_PAD, 0] }, ...Array.from({ length: columns - 1 }, () => ({}))];
}

/** Text kept as written (line breaks included); `empty` when blank. */
export function prose(text: string, empty = "—"): Content {
  return text.trim() === "" ? { text: empty, style: ["prose", "muted"] } : { text, style: "prose" };
}

export function muted(text: string): Content {
  return { text, style: ["prose", "muted"] };
}

export function num(n: number): string {
  return n.toLocaleString("en-US");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** "2024-02-27 03:14:07 UTC", or "—". */
export function utc(value: string | null | undefined): string {
  return formatUtc(value);
}

/** A header row. */
export function headerRow(labels: string[]): TableCell[] {
  return labels.map((text) => ({ text, style: "th" }));
}

/**
 * A table of `rows` under `header` (and under `title`, a heading), fixed widths, header and title
 * repeated on each page and kept with the first row. A row may continue on the next page (nothing is
 * ever clipped); with `keepRows`, rows are kept whole, for tables whose cells are bounded (`clip`) so
 * that a row always fits on a page.
 */
export function table(header: string[], weights: number[], rows: TableCell[][], opts: { keepRows?: boolean; title?: Content } = {}): Content {
  const top = opts.title === undefined ? [headerRow(header)] : [titleRow(opts.title, header.length), headerRow(header)];
  return {
    style: "table",
    layout: opts.title === undefined ? REPORT_TABLE_LAYOUT : TITLED_TABLE_LAYOUT,
    table: { headerRows: top.length, keepWithHeaderRows: 1, dontBreakRows: opts.keepRows === true, widths: widths(weights), body: [...top, ...rows] },
  };
}

/** At most `max` characters of `text`, then "… (N more characters)"; the JSON export keeps every value whole. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}… (${num(chars.length - max)} more characters)`;
}

/** Label / value pairs, two columns (labels bold), under `title` when given (repeated on each page, kept with the first pair). */
export function facts(pairs: [string, Content][], opts: { labelWidth?: number; fontSize?: number; title?: Content } = {}): Content {
  const label = opts.labelWidth ?? 120;
  const top = opts.title === undefined ? [] : [titleRow(opts.title, 2)];
  return {
    fontSize: opts.fontSize ?? 8.5,
    margin: [0, 0, 0, 8],
    layout: opts.title === undefined ? REPORT_TABLE_LAYOUT : TITLED_TABLE_LAYOUT,
    table: {
      headerRows: top.length,
      keepWithHeaderRows: top.length > 0 ? 1 : 0,
      widths: [label - 2 * CELL_PAD, CONTENT_WIDTH - label - 2 * CELL_PAD - 1],
      body: [...top, ...pairs.map(([k, v]): TableCell[] => [{ text: k, bold: true }, v])],
    },
  };
}

/** A UTC time in two lines (day, then time) for narrow columns. */
function timeCell(value: string | null): TableCell {
  const text = utc(value);
  return text === "—" ? { text, style: "muted" } : { text: `${text.slice(0, 10)}\n${text.slice(11)}` };
}

/**
 * Events, one row each, in the order given: time, the call (name, error, service, event ID), who
 * (principal, key), from where (IP, region), what it touched (resources) and the user agent; with
 * `tactics`, the ATT&CK tactics each event was filed under. Rows are kept whole: each cell is clipped
 * (`clip`, CELL_MAX) so that the tallest possible row (about 45 lines of 7 pt) fits on a page.
 */
export function eventTable(events: readonly ReportEvent[], opts: { title?: Content; tactics?: ReadonlyMap<string, readonly string[]> } = {}): Content {
  const { title, tactics } = opts;
  if (events.length === 0) return title === undefined ? muted("None.") : keep(title, muted("None."));
  const header = ["Time (UTC)", ...(tactics ? ["Tactic"] : []), "Call", "Principal and key", "Source IP, region", "Resources", "User agent"];
  const weights = tactics ? [54, 54, 84, 112, 62, 92, 74] : [56, 92, 124, 64, 100, 80];
  const rows = events.map((e): TableCell[] => [
    timeCell(e.eventTime),
    ...(tactics ? [{ text: (tactics.get(e.eventId) ?? []).join(", ") }] : []),
    {
      stack: [
        { text: [{ text: clip(e.eventName ?? "(no eventName)", CELL_MAX.short), bold: true }, ...(e.errorCode ? [{ text: ` ${clip(e.errorCode, CELL_MAX.short)}`, color: "#b42318" }] : [])] },
        { text: clip(e.eventSource ?? "", CELL_MAX.short), color: MUTED },
        { text: clip(e.eventId, CELL_MAX.short), style: ["mono", "muted"], fontSize: 6 },
      ],
    },
    { stack: [{ text: clip(e.principal ?? "—", CELL_MAX.principal), style: "mono" }, { text: clip(e.accessKeyId ?? "no key", CELL_MAX.short), style: ["mono", "muted"] }] },
    { stack: [{ text: clip(e.sourceIpAddress ?? "—", CELL_MAX.short), style: "mono" }, { text: clip(e.awsRegion ?? "", CELL_MAX.short), color: MUTED }] },
    { text: e.resources.length === 0 ? "—" : resourcesText(e.resources), style: "mono" },
    { text: clip(e.userAgent ?? "—", CELL_MAX.userAgent), style: "mono" },
  ]);
  return table(header, weights, rows, { keepRows: true, title });
}

/** Characters per event-table cell (see eventTable). */
const CELL_MAX = { short: 100, principal: 500, userAgent: 600, resources: 800 } as const;

/** One resource a line, up to CELL_MAX.resources characters, then how many more. */
function resourcesText(resources: string[]): string {
  const lines: string[] = [];
  let used = 0;
  for (const r of resources) {
    if (used + r.length > CELL_MAX.resources && lines.length > 0) break;
    lines.push(clip(r, CELL_MAX.resources));
    used += r.length;
  }
  const more = resources.length - lines.length;
  return more > 0 ? `${lines.join("\n")}\n… ${plural(more, "more resource")}` : lines.join("\n");
}
