import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { describeTimeline, formatBarRange, formatUtcMinute, timelineIntervalHeading } from "@/lib/charts/timeline-labels";
import { countTicks, formatCountTick, timelineTickLabels, timelineTicks } from "@/lib/charts/timeline-ticks";
import type { Timeline, TimelineMarker } from "@/lib/timeline/timeline-types";
import { MARKER_KINDS } from "@/lib/timeline/timeline-types";

/**
 * The timeline as plain SVG, for the case report: props in, markup out. No hooks, no browser APIs, no
 * CSS (fonts and colours are attributes, the size is a fixed viewBox), so `renderToStaticMarkup` turns
 * it into a standalone image, and it draws the same bars as the page's recharts chart
 * (components/charts/case-timeline.tsx): calls per bar stacked in CALL_SERIES order from the bottom,
 * in the series' colours, a count axis, UTC time ticks, a legend, and the bookmarks / findings as
 * numbered vertical lines with a key under the axis. Each bar segment has a <title> with its UTC
 * interval and exact count. Titles of markers are the analyst's text and may quote CloudTrail: React
 * text only.
 */
export function TimelineSvg({
  timeline,
  width = 760,
  height = 260,
  title,
  id = "timeline",
}: {
  timeline: Timeline;
  width?: number;
  height?: number;
  /** The chart's accessible name (<title>), e.g. "Timeline of case Acme breach". */
  title: string;
  /** Prefix of the ids of the <title> and <desc>; unique within the document. */
  id?: string;
}) {
  const markers = timeline.markers;
  const keyRows = Math.min(MAX_KEY_ROWS, Math.ceil(markers.length / 2));
  const plot = {
    left: 52,
    right: width - 12,
    top: 42,
    bottom: height - 34 - (keyRows > 0 ? keyRows * KEY_ROW + 8 : 0),
  };
  const plotW = Math.max(1, plot.right - plot.left);
  const plotH = Math.max(1, plot.bottom - plot.top);
  const empty = timeline.from === null || timeline.to === null || timeline.bins.length === 0;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      fontFamily={FONT}
      fontSize={10}
      data-testid="timeline-svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{describeTimeline(timeline)}</desc>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <Legend x={plot.left} right={plot.right} heading={timelineIntervalHeading(timeline.interval)} />
      {empty ? (
        <>
          <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={COLOR.axis} />
          <text x={plot.left + plotW / 2} y={plot.top + plotH / 2} textAnchor="middle" fill={COLOR.muted} fontSize={12}>
            No dated events to draw.
          </text>
        </>
      ) : (
        <Plot timeline={timeline} plot={plot} plotW={plotW} plotH={plotH} />
      )}
      {keyRows > 0 ? <MarkerKey markers={markers} x={plot.left} width={plotW} y={height - keyRows * KEY_ROW + 2} /> : null}
    </svg>
  );
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const COLOR = { ink: "#14171c", muted: "#5b6472", axis: "#98a2b3", grid: "#e4e7ec", bookmark: "#6941c6", finding: "#9a6700" } as const;
const KEY_ROW = 13;
const MAX_KEY_ROWS = 3;
const KEY_CHARS = 36;

type PlotBox = { left: number; right: number; top: number; bottom: number };

/** Rounds a coordinate to 0.01 px: exact enough, and short markup. */
function px(v: number): number {
  return Math.round(v * 100) / 100;
}

function Plot({ timeline, plot, plotW, plotH }: { timeline: Timeline; plot: PlotBox; plotW: number; plotH: number }) {
  const from = Date.parse(timeline.from ?? "");
  const to = Date.parse(timeline.to ?? "");
  const n = timeline.bins.length;
  const slot = plotW / n;
  const barW = slot >= 3 ? slot * 0.8 : slot;
  const maxStack = Math.max(0, ...timeline.bins.map((b) => b.mutating + b.readOnly + b.denied + b.unrecorded));
  const yTicks = countTicks(maxStack);
  const yTop = yTicks[yTicks.length - 1] ?? 1;
  const y = (v: number) => plot.bottom - (v / yTop) * plotH;
  const xOf = (ms: number) => plot.left + ((ms - from) / (to - from)) * plotW;
  const { stepMs, ticks } = timelineTicks(from, to, timeline.intervalMs, Math.max(2, Math.floor(plotW / 72)));
  const tickLabels = timelineTickLabels(ticks, stepMs);
  return (
    <>
      <g stroke={COLOR.grid}>
        {yTicks.map((v) => (
          <line key={v} x1={plot.left} x2={plot.right} y1={px(y(v))} y2={px(y(v))} />
        ))}
      </g>
      <g fill={COLOR.muted} textAnchor="end">
        {yTicks.map((v) => (
          <text key={v} x={plot.left - 6} y={px(y(v) + 3)}>
            {formatCountTick(v)}
          </text>
        ))}
      </g>
      <g data-testid="timeline-svg-bars">
        {timeline.bins.map((bin, i) => {
          const start = Date.parse(bin.start);
          const x = px(plot.left + i * slot + (slot - barW) / 2);
          return CALL_SERIES.map((series, k) => {
            const count = bin[series];
            if (count === 0) return null;
            const below = CALL_SERIES.slice(0, k).reduce((sum, s) => sum + bin[s], 0);
            const y0 = y(below);
            const y1 = y(below + count);
            return (
              <rect key={`${bin.start}:${series}`} x={x} y={px(y1)} width={px(barW)} height={px(y0 - y1)} fill={CALL_SERIES_INFO[series].colour} data-series={series} data-count={count}>
                <title>{`${formatBarRange(start, timeline.intervalMs)} · ${CALL_SERIES_INFO[series].label}: ${count.toLocaleString("en-US")}`}</title>
              </rect>
            );
          });
        })}
      </g>
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={COLOR.axis} />
      <g fill={COLOR.muted} textAnchor="middle">
        {ticks.map((t, i) => {
          const x = px(xOf(t));
          const label = tickLabels[i];
          return (
            <g key={t}>
              <line x1={x} x2={x} y1={plot.bottom} y2={plot.bottom + 4} stroke={COLOR.axis} />
              <text x={x} y={plot.bottom + 15}>
                {label?.primary}
              </text>
              {label?.secondary ? (
                <text x={x} y={plot.bottom + 27}>
                  {label.secondary}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
      {timeline.markers.map((m, i) => {
        const x = px(xOf(Date.parse(m.time)));
        const colour = MARKER_KINDS[m.kind].colour;
        return (
          <g key={`${m.kind}:${m.id}`} data-testid="timeline-svg-marker">
            <title>{markerText(m, i)}</title>
            <line x1={x} x2={x} y1={plot.top - 8} y2={plot.bottom} stroke={colour} strokeWidth={1.5} strokeDasharray="4 3" />
            <text x={x} y={plot.top - 11} textAnchor="middle" fill={colour} fontWeight={700}>
              {i + 1}
            </text>
          </g>
        );
      })}
    </>
  );
}

function markerText(m: TimelineMarker, i: number): string {
  return `${MARKER_KINDS[m.kind].label} ${i + 1}: ${m.title} (${formatUtcMinute(Date.parse(m.time))} UTC)`;
}

function Legend({ x, right, heading }: { x: number; right: number; heading: string }) {
  const widths = CALL_SERIES.map((series) => 14 + CALL_SERIES_INFO[series].label.length * 5.6 + 14);
  return (
    <g data-testid="timeline-svg-legend">
      {CALL_SERIES.map((series, i) => {
        const { label, colour } = CALL_SERIES_INFO[series];
        const at = px(x + widths.slice(0, i).reduce((a, b) => a + b, 0));
        return (
          <g key={series}>
            <rect x={at} y={6} width={10} height={10} fill={colour} />
            <text x={at + 14} y={15} fill={COLOR.ink}>
              {label}
            </text>
          </g>
        );
      })}
      <text x={right} y={15} textAnchor="end" fill={COLOR.muted}>
        {heading}
      </text>
    </g>
  );
}

/** The markers' numbers and titles under the axis, two to a row; "+ n more" past MAX_KEY_ROWS rows. */
function MarkerKey({ markers, x, width, y }: { markers: readonly TimelineMarker[]; x: number; width: number; y: number }) {
  const capacity = MAX_KEY_ROWS * 2;
  const shown = markers.length > capacity ? markers.slice(0, capacity - 1) : markers;
  const more = markers.length - shown.length;
  const cell = (i: number) => ({ x: x + (i % 2) * (width / 2), y: y + Math.floor(i / 2) * KEY_ROW });
  return (
    <g fill={COLOR.ink}>
      {shown.map((m, i) => {
        const { x: cx, y: cy } = cell(i);
        const text = `${m.title.length > KEY_CHARS ? `${m.title.slice(0, KEY_CHARS - 1)}…` : m.title} (${formatUtcMinute(Date.parse(m.time))})`;
        return (
          <text key={`${m.kind}:${m.id}`} x={cx} y={cy}>
            <tspan fill={MARKER_KINDS[m.kind].colour} fontWeight={700}>{`${i + 1} `}</tspan>
            {text}
          </text>
        );
      })}
      {more > 0 ? (
        <text x={cell(shown.length).x} y={cell(shown.length).y} fill={COLOR.muted}>
          {`+ ${more} more`}
        </text>
      ) : null}
    </g>
  );
}
