import { HEATMAP_EMPTY, heatmapFill, heatmapInk, heatmapLegendValues } from "@/lib/charts/heatmap-scale";
import { formatUtc } from "@/lib/format/format-utc";
import type { DeniedHeatmap, HeatmapAxis, HeatmapColumn, HeatmapRow } from "@/lib/heatmaps/denied-heatmap-types";

/**
 * A denied-call heatmap (lib/heatmaps/denied-heatmap-types.ts) as plain SVG: props in, markup out. No
 * hooks, no browser APIs, no CSS needed (fonts, colours and sizes are attributes, the viewBox is fixed),
 * so `renderToStaticMarkup` turns it into a standalone image for the case report; the heatmaps page
 * draws the same component and adds a tooltip and a table around it.
 *
 * Principals down the left (shortened in the middle, in full in `<title>`), columns across the top
 * (UTC hour bins, services or event names, rotated), one cell per principal × column with denied calls,
 * coloured on the log scale of lib/charts/heatmap-scale.ts; each such cell is a link to exactly its
 * events, with its count in `data-count`, in its accessible name and, when it fits, printed inside.
 * Right of the grid: each principal's total (a link to all its denied calls in the range) and its
 * busiest UTC hour with a bar, so recon bursts stand out whatever the axis. Below: the colour legend
 * (1 … max) and notes on what is not drawn. Every string is CloudTrail content: React text only.
 */
export function DeniedHeatmapSvg({
  heatmap,
  caseTitle,
  maxLabelChars = 44,
  titles = true,
  notes: showNotes = true,
  id = "denied-heatmap",
}: {
  heatmap: DeniedHeatmap;
  /** When given, a heading (chart name, case, range, total) is drawn above the grid: for the report. */
  caseTitle?: string;
  /** Principal labels longer than this are shortened in the middle. */
  maxLabelChars?: number;
  /** `<title>` tooltips on cells; the page turns them off because it draws its own (names stay). */
  titles?: boolean;
  /** The notes below the legend (principals / columns not drawn, events not counted yet); the page shows them as HTML. */
  notes?: boolean;
  /** Prefix of the ids of the SVG's title and description; unique within the document. */
  id?: string;
}) {
  const { axis, rows, columns, counts, hrefs, max } = heatmap;
  const cellW = axis === "hour" ? 16 : 34;
  const rowLabels = rows.map(principalLabel);
  const labelChars = Math.min(maxLabelChars, Math.max(30, ...rowLabels.map((l) => [...l].length)));
  const colLabels = columns.map((c) => shorten(c.label, axis === "hour" ? 11 : 24));
  const headingH = caseTitle === undefined ? 0 : 44;
  const headerH = Math.max(40, Math.ceil(Math.max(0, ...colLabels.map((l) => [...l].length)) * CHAR_SMALL * SIN) + 18);
  const gridX = PAD + labelChars * CHAR + 14;
  const gridY = PAD + headingH + headerH;
  const gridW = columns.length * cellW;
  const gridH = rows.length * CELL_H;
  const totalX = gridX + gridW + 12;
  const burstX = totalX + TOTAL_W + 12;
  const legendY = gridY + gridH + 22;
  const notes = showNotes ? heatmapNotes(heatmap) : [];
  const notesY = legendY + 44;
  const width = Math.ceil(Math.max(burstX + BURST_W + PAD, MIN_WIDTH));
  const height = Math.ceil(notesY + notes.length * 15 + PAD - (notes.length ? 0 : 10));
  const maxBurst = Math.max(0, ...rows.map((r) => r.burst));
  const legend = heatmapLegendValues(max);

  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      fontFamily={FONT}
      className="denied-heatmap"
      data-testid="denied-heatmap"
      data-axis={axis}
      data-max={max}
    >
      <title id={`${id}-title`}>{`Denied calls by principal and ${AXIS_NOUN[axis]}${caseTitle === undefined ? "" : ` — ${caseTitle}`}`}</title>
      <desc id={`${id}-desc`}>{summary(heatmap)}</desc>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {caseTitle === undefined ? null : (
        <g fontFamily={SANS}>
          <text x={PAD} y={PAD + 14} fontSize={14} fontWeight={700} fill={INK}>
            {`Denied calls — principal × ${AXIS_NOUN[axis]}`}
          </text>
          <text x={PAD} y={PAD + 32} fontSize={11} fill={MUTED}>
            {`${caseTitle} · ${heatmapRangeText(heatmap.from, heatmap.to)} · ${fmt(heatmap.totalDenied)} denied ${heatmap.totalDenied === 1 ? "call" : "calls"}`}
          </text>
        </g>
      )}
      {rows.length === 0 ? (
        <text x={PAD} y={gridY + 14} fontSize={12} fill={MUTED} fontFamily={SANS} data-testid="heatmap-empty">
          No denied calls in this range.
        </text>
      ) : (
        <>
          <g fontSize={10} fill={MUTED} fontFamily={SANS}>
            <text x={PAD} y={gridY - 6}>Principal (ARN or invoking service)</text>
            <text x={totalX + TOTAL_W} y={gridY - 6} textAnchor="end">
              Total
            </text>
            <text x={burstX} y={gridY - 6}>
              Busiest hour (UTC)
            </text>
          </g>
          <g fontSize={10} fill={INK}>
            {columns.map((col, c) => {
              const x = gridX + c * cellW + cellW / 2 + 3;
              const y = gridY - 6;
              return (
                <text key={c} x={x} y={y} transform={`rotate(-60 ${x} ${y})`} data-testid="heatmap-column">
                  <title>{`${columnText(axis, col, heatmap.intervalMs)}: ${fmt(col.total)} denied ${col.total === 1 ? "call" : "calls"}, all principals`}</title>
                  {colLabels[c]}
                </text>
              );
            })}
          </g>
          <rect x={gridX} y={gridY} width={gridW} height={gridH} fill={HEATMAP_EMPTY} />
          <path d={gridLines(gridX, gridY, cellW, columns.length, rows.length)} stroke="#ffffff" strokeWidth={1} fill="none" />
          {rows.map((row, r) => {
            const y = gridY + r * CELL_H;
            const label = rowLabels[r]!;
            const burstW = maxBurst > 0 ? Math.max(2, (row.burst / maxBurst) * 36) : 0;
            return (
              <g key={r}>
                <text x={gridX - 8} y={y + 14} fontSize={11} textAnchor="end" fill={row.principalKind === "arn" ? INK : MUTED} fontStyle={row.principalKind === "" ? "italic" : undefined} data-testid="heatmap-row-label">
                  <title>{`${label}: ${fmt(row.total)} denied ${row.total === 1 ? "call" : "calls"}${row.first ? `, first at ${formatUtc(row.first)}` : ""}`}</title>
                  {shorten(label, labelChars)}
                </text>
                <a href={row.href} aria-label={`${label}: all ${fmt(row.total)} denied ${row.total === 1 ? "call" : "calls"} in the range`} data-testid="heatmap-row-total" data-row={r} data-count={row.total}>
                  <text x={totalX + TOTAL_W} y={y + 14} fontSize={11} textAnchor="end" fontWeight={600} fill={LINK}>
                    {fmt(row.total)}
                  </text>
                </a>
                <g data-testid="heatmap-row-burst" data-row={r} data-burst={row.burst}>
                  {row.burst > 0 ? <rect x={burstX} y={y + 5} width={burstW} height={CELL_H - 10} fill={BURST} /> : null}
                  <text x={burstX + (row.burst > 0 ? burstW + 5 : 0)} y={y + 14} fontSize={10} fill={row.burst > 0 && row.burst === maxBurst ? BURST : MUTED} fontWeight={row.burst > 0 && row.burst === maxBurst ? 700 : 400}>
                    {row.burstHour ? `${fmt(row.burst)} at ${formatUtc(row.burstHour, { seconds: false })}` : "—"}
                  </text>
                </g>
              </g>
            );
          })}
          {rows.map((row, r) =>
            columns.map((col, c) => {
              const n = counts[r]?.[c] ?? 0;
              if (n <= 0) return null;
              const href = hrefs[r]?.[c] ?? null;
              const x = gridX + c * cellW;
              const y = gridY + r * CELL_H;
              const fill = heatmapFill(n, max);
              const text = fmt(n);
              const name = `${rowLabels[r]} · ${columnText(axis, col, heatmap.intervalMs)} · ${text} denied ${n === 1 ? "call" : "calls"}`;
              const body = (
                <>
                  {titles ? <title>{name}</title> : null}
                  <rect x={x + 0.5} y={y + 0.5} width={cellW - 1} height={CELL_H - 1} fill={fill} />
                  {text.length * CHAR_SMALL + 4 <= cellW ? (
                    <text x={x + cellW / 2} y={y + 14} fontSize={10} textAnchor="middle" fill={heatmapInk(fill)}>
                      {text}
                    </text>
                  ) : null}
                </>
              );
              const data = { "data-testid": "heatmap-cell", "data-count": n, "data-row": r, "data-col": c };
              return href === null ? (
                <g key={`${r}:${c}`} role="img" aria-label={name} {...data}>
                  {body}
                </g>
              ) : (
                <a key={`${r}:${c}`} href={href} aria-label={name} {...data}>
                  {body}
                </a>
              );
            }),
          )}
        </>
      )}
      {legend.length > 0 ? (
        <g data-testid="heatmap-legend" data-max={max} data-scale="log" fontSize={10} fill={MUTED} fontFamily={SANS}>
          <text x={PAD} y={legendY + 9}>
            Denied calls per cell (log scale)
          </text>
          {[0, ...legend].map((value, i) => {
            const x = PAD + 180 + i * 40;
            return (
              <g key={value} data-testid="heatmap-legend-step" data-value={value}>
                <rect x={x} y={legendY} width={36} height={12} fill={heatmapFill(value, max)} stroke="#d0d5dd" strokeWidth={0.5} />
                <text x={x + 18} y={legendY + 25} textAnchor="middle" fill={INK}>
                  {fmt(value)}
                </text>
              </g>
            );
          })}
        </g>
      ) : null}
      {notes.map((note, i) => (
        <text key={i} x={PAD} y={notesY + i * 15} fontSize={10} fill={MUTED} fontFamily={SANS} data-testid="heatmap-note">
          {note}
        </text>
      ))}
    </svg>
  );
}

const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const INK = "#14171c";
const MUTED = "#5b6472";
const LINK = "#1f5fbf";
const BURST = "#b42318";
const PAD = 12;
const CELL_H = 20;
/** Advance of a monospace character at font sizes 11 and 10 (for layout; a little generous). */
const CHAR = 6.7;
const CHAR_SMALL = 6.1;
const SIN = Math.sin(Math.PI / 3);
const TOTAL_W = 52;
const BURST_W = 220;
/** Room for the legend and the notes below a narrow grid. */
const MIN_WIDTH = 620;

const AXIS_NOUN: Record<HeatmapAxis, string> = { hour: "hour (UTC)", service: "service", eventName: "event name" };

/** A row's principal in words: its ARN, "invoked by <service>" for calls an AWS service made without an ARN, or "(no principal ARN)". */
export function principalLabel(row: Pick<HeatmapRow, "principal" | "principalKind">): string {
  if (row.principal === "" || row.principalKind === "") return "(no principal ARN)";
  return row.principalKind === "invokedBy" ? `invoked by ${row.principal}` : row.principal;
}

/** Cut in the middle (ARNs differ at both ends: account and partition at the start, the name at the end). */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.4);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (max - 1 - head)).join("")}`;
}

/** What a column covers, in words: a UTC time range for hour bins, the service or event name otherwise. */
export function columnText(axis: HeatmapAxis, col: HeatmapColumn, intervalMs: number | null): string {
  if (axis !== "hour") return `${axis === "service" ? "service" : "event"} ${col.label}`;
  const start = Date.parse(col.key);
  if (Number.isNaN(start)) return col.label;
  const end = new Date(start + (intervalMs ?? 3_600_000)).toISOString();
  const from = new Date(start).toISOString();
  return from.slice(0, 10) === end.slice(0, 10) ? `${formatUtc(from, { seconds: false }).slice(0, -4)}–${end.slice(11, 16)} UTC` : `${formatUtc(from, { seconds: false }).slice(0, -4)} – ${formatUtc(end, { seconds: false })}`;
}

/** "2023-07-10 10:00 UTC – 2023-07-11 10:00 UTC", or "whole case" when both bounds are open. */
export function heatmapRangeText(from: string | null, to: string | null): string {
  if (!from && !to) return "whole case";
  return `${from ? formatUtc(from, { seconds: false }) : "the start"} – ${to ? formatUtc(to, { seconds: false }) : "the end"}`;
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function gridLines(x: number, y: number, cellW: number, cols: number, rows: number): string {
  const parts: string[] = [];
  for (let c = 1; c < cols; c++) parts.push(`M${x + c * cellW},${y}v${rows * CELL_H}`);
  for (let r = 1; r < rows; r++) parts.push(`M${x},${y + r * CELL_H}h${cols * cellW}`);
  return parts.join("");
}

/** What the heatmap leaves out, in sentences (the SVG's notes; the page shows them as notices). */
export function heatmapNotes(h: DeniedHeatmap): string[] {
  const notes: string[] = [];
  const sortText = h.sort === "total" ? "most denied calls" : h.sort === "burst" ? "busiest hour" : "earliest first denied call";
  if (h.rowsOmitted > 0) notes.push(`${fmt(h.rowsOmitted)} more ${h.rowsOmitted === 1 ? "principal" : "principals"} with denied calls not drawn (principals ordered by ${sortText}).`);
  if (h.columnsOmitted > 0) {
    const noun = h.axis === "service" ? (h.columnsOmitted === 1 ? "service" : "services") : h.columnsOmitted === 1 ? "event name" : "event names";
    notes.push(`${fmt(h.columnsOmitted)} more ${noun} with fewer denied calls not drawn.`);
  }
  if (h.pendingEvents > 0) {
    const one = h.pendingEvents === 1;
    notes.push(`${fmt(h.pendingEvents)} ${one ? "event" : "events"} ingested after these counts were built ${one ? "is" : "are"} not counted yet.`);
  }
  return notes;
}

function summary(h: DeniedHeatmap): string {
  if (h.rows.length === 0) return `No denied calls in ${heatmapRangeText(h.from, h.to)}.`;
  const principals = h.rows.length + h.rowsOmitted;
  return [
    `${fmt(h.totalDenied)} denied ${h.totalDenied === 1 ? "call" : "calls"} of ${fmt(principals)} ${principals === 1 ? "principal" : "principals"} in ${heatmapRangeText(h.from, h.to)};`,
    `${h.rows.length} drawn against ${h.columns.length} ${h.axis === "hour" ? "time bins" : AXIS_NOUN[h.axis] + "s"}, at most ${fmt(h.max)} in one cell.`,
    `Colour: logarithmic scale from 1 (light yellow) to ${fmt(h.max)} (deep red); grey cells have none. Each cell links to its denied calls.`,
  ].join(" ");
}
