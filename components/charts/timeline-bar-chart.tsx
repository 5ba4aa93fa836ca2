"use client";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  usePlotArea,
  XAxis,
  YAxis,
  type BarShapeProps,
  type PlotArea,
  type TooltipContentProps,
} from "recharts";
import { CALL_SERIES, CALL_SERIES_INFO, seriesTotal, type CallSeries } from "@/lib/charts/call-series";
import { describeTimeline, formatBarRange, formatUtcMinute } from "@/lib/charts/timeline-labels";
import { countTicks, formatCountTick, timelineTickLabels, timelineTicks, type TickLabel } from "@/lib/charts/timeline-ticks";
import type { Timeline, TimelineBin, TimelineMarker } from "@/lib/timeline/timeline-types";
import { MARKER_KINDS, type TimelineMarkerKind } from "@/lib/timeline/timeline-types";

const MARKER_COLOUR = Object.fromEntries(Object.entries(MARKER_KINDS).map(([k, v]) => [k, v.colour])) as Record<TimelineMarkerKind, string>;
/** Ticks for a chart about 600–1300 px wide; recharts drops any that would overlap on a narrow one. */
const MAX_X_TICKS = 8;

/**
 * The interactive timeline (recharts): bars stacked in CALL_SERIES order, a tooltip with the bar's UTC
 * interval and exact counts, markers as dashed lines numbered like the list under the chart. Pointer
 * only, by design: the table under it (components/charts/timeline-table.tsx) is the keyboard path, so
 * the chart is one labelled image to assistive technology.
 *
 * - Click a bar segment: `onOpen(index, series)`; click the bar's column outside its segments:
 *   `onOpen(index)` (all series).
 * - Drag across bars (ReferenceArea, the usual recharts zoom): `onZoom(firstIndex, lastIndex)` on release.
 */
export function TimelineBarChart({
  timeline,
  onOpen,
  onZoom,
}: {
  timeline: Timeline;
  onOpen: (index: number, series?: CallSeries) => void;
  onZoom: (firstIndex: number, lastIndex: number) => void;
}) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  // A drag ends with a click on the chart; it must not also open the bar under the pointer.
  const dragged = useRef(false);
  const bins = timeline.bins;
  // Everything recharts derives its scales from is memoised: a new array or object on each render (a
  // drag re-renders) makes it rebuild and remount every bar, and a click whose mousedown target was
  // removed never fires.
  const model = useMemo(() => chartModel(timeline), [timeline]);
  const { data } = model;

  // The bar under the pointer, from the pointer's own position (recharts' active index follows the
  // pointer one animation frame late, so a quick click or drag could hit the previous bar).
  const plotArea = useRef<PlotArea | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const indexAt = (clientX: number): number | null => {
    const area = plotArea.current;
    const svg = box.current?.querySelector("svg.recharts-surface");
    if (!area || !svg || bins.length === 0 || area.width <= 0) return null;
    const x = clientX - svg.getBoundingClientRect().left - area.x;
    if (x < 0 || x >= area.width) return null;
    return Math.min(bins.length - 1, Math.floor((x / area.width) * bins.length));
  };
  return (
    <div
      ref={box}
      className="timeline-chart"
      role="img"
      aria-label={`Timeline chart. ${describeTimeline(timeline)}`}
      data-testid="timeline-chart"
      onMouseDown={(e) => {
        if (e.button !== 0) return;
        // No text selection, native drag or focus ring on recharts' layers while selecting bars.
        e.preventDefault();
        const i = indexAt(e.clientX);
        dragged.current = false;
        if (i !== null) setDrag({ from: i, to: i });
      }}
      onMouseMove={(e) => {
        const i = indexAt(e.clientX);
        if (i !== null) setDrag((d) => (d && d.to !== i ? { from: d.from, to: i } : d));
      }}
      onMouseUp={(e) => {
        if (!drag) return;
        const end = indexAt(e.clientX) ?? drag.to;
        setDrag(null);
        if (end !== drag.from) {
          dragged.current = true;
          onZoom(Math.min(drag.from, end), Math.max(drag.from, end));
        }
      }}
      onMouseLeave={() => setDrag(null)}
      onClick={(e) => {
        if (dragged.current) {
          dragged.current = false;
          return;
        }
        const target = e.target instanceof Element ? e.target.closest("[data-series][data-index]") : null;
        const series = target?.getAttribute("data-series");
        const segment = Number(target?.getAttribute("data-index"));
        if (target && series && series in CALL_SERIES_INFO && Number.isInteger(segment)) return onOpen(segment, series as CallSeries);
        const i = indexAt(e.clientX);
        if (i !== null && (data[i]?.total ?? 0) > 0) onOpen(i);
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={MARGIN} barCategoryGap={bins.length > 120 ? 0 : "12%"} accessibilityLayer={false}>
          <PlotAreaProbe areaRef={plotArea} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="start"
            ticks={model.xTicks}
            interval="preserveStartEnd"
            height={34}
            tickFormatter={model.xTickFormatter}
            tick={model.xTick}
          />
          <YAxis allowDecimals={false} domain={model.yDomain} ticks={model.yTicks} tick={Y_TICK} tickFormatter={formatCountTick} width={52} />
          <Tooltip cursor={CURSOR} isAnimationActive={false} content={model.tooltip} />
          {CALL_SERIES.map((series) => (
            <Bar key={series} dataKey={series} stackId="calls" name={CALL_SERIES_INFO[series].label} fill={CALL_SERIES_INFO[series].colour} isAnimationActive={false} shape={SEGMENT_SHAPES[series]} />
          ))}
          {model.markers.map(({ marker, x, label }) => (
            <ReferenceLine key={`${marker.kind}:${marker.id}`} x={x} stroke={MARKER_COLOUR[marker.kind]} strokeWidth={1.5} strokeDasharray="4 3" label={label} />
          ))}
          {drag && drag.from !== drag.to ? (
            <ReferenceArea x1={bins[Math.min(drag.from, drag.to)]?.start} x2={bins[Math.max(drag.from, drag.to)]?.start} fill="#1f5fbf" fillOpacity={0.12} stroke="#1f5fbf" strokeOpacity={0.5} />
          ) : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A bar segment as a plain <rect> carrying its series, bar and exact count (e2e and click targets). */
function segmentShape(series: CallSeries) {
  return function TimelineSegment(props: BarShapeProps) {
    const height = props.height ?? 0;
    const datum = props.payload as Partial<TimelineBin> | undefined;
    const count = datum?.[series] ?? 0;
    if (height <= 0 || count <= 0) return <g />;
    return (
      <rect
        x={props.x}
        y={props.y}
        width={props.width}
        height={height}
        fill={CALL_SERIES_INFO[series].colour}
        className="timeline-segment"
        data-testid="timeline-segment"
        data-series={series}
        data-index={props.index}
        data-start={datum?.start}
        data-count={count}
        aria-label={`${CALL_SERIES_INFO[series].label}: ${count} at ${datum?.start ? formatUtcMinute(Date.parse(datum.start)) : ""} UTC`}
      />
    );
  };
}

const SEGMENT_SHAPES = Object.fromEntries(CALL_SERIES.map((s) => [s, segmentShape(s)])) as Record<CallSeries, ReturnType<typeof segmentShape>>;

function widestLine(label: TickLabel | undefined): string {
  if (!label) return "";
  return label.secondary && label.secondary.length > label.primary.length ? label.secondary : label.primary;
}

/** Hands the chart's plot area (inside the axes) to the pointer handlers around the chart. */
function PlotAreaProbe({ areaRef }: { areaRef: RefObject<PlotArea | null> }) {
  const area = usePlotArea();
  useEffect(() => {
    areaRef.current = area ?? null;
  }, [area, areaRef]);
  return null;
}

const MARGIN = { top: 16, right: 8, bottom: 0, left: 0 };
const Y_TICK = { fontSize: 11 };
const CURSOR = { fill: "rgba(16, 24, 40, 0.06)" };

/** The chart's inputs derived from one timeline, built once per timeline. */
function chartModel(timeline: Timeline) {
  const bins = timeline.bins;
  const data = bins.map((b) => ({ ...b, total: seriesTotal(b) }));
  const yTicks = countTicks(Math.max(0, ...data.map((d) => d.total)));
  const from = Date.parse(timeline.from ?? "");
  const to = Date.parse(timeline.to ?? "");
  const { stepMs, ticks } = timelineTicks(from, to, timeline.intervalMs, MAX_X_TICKS);
  const xTicks = ticks.map((t) => new Date(t).toISOString());
  const labels = new Map(timelineTickLabels(ticks, stepMs).map((l, i) => [xTicks[i], l]));
  return {
    data,
    yTicks,
    yDomain: [0, yTicks[yTicks.length - 1] ?? 1] as [number, number],
    xTicks,
    // Sizes the labels for recharts' overlap check (the raw value is a long ISO instant).
    xTickFormatter: (v: string) => widestLine(labels.get(v)),
    xTick: (p: TickProps) => <TimeTick {...p} labels={labels} />,
    tooltip: (p: TooltipContentProps) => <TimelineTooltip props={p} timeline={timeline} />,
    markers: timeline.markers.flatMap((marker, i) => {
      const bin = bins[Math.floor((Date.parse(marker.time) - from) / timeline.intervalMs)];
      if (!bin) return [];
      return [{ marker, x: bin.start, label: (p: { viewBox?: unknown }) => <MarkerLabel viewBox={p.viewBox} n={i + 1} marker={marker} /> }];
    }),
  };
}

type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } };

function TimeTick({ x, y, payload, labels }: TickProps & { labels: Map<string | undefined, TickLabel> }) {
  const label = labels.get(typeof payload?.value === "string" ? payload.value : undefined);
  if (!label) return <g />;
  return (
    <text x={Number(x)} y={Number(y)} textAnchor="middle" fontSize={11} fill="#5b6472">
      <tspan x={Number(x)} dy="0.9em">
        {label.primary}
      </tspan>
      {label.secondary ? (
        <tspan x={Number(x)} dy="1.2em">
          {label.secondary}
        </tspan>
      ) : null}
    </text>
  );
}

/** The marker's number above its line; hovering it shows the bookmark's title (React text). */
function MarkerLabel({ viewBox, n, marker }: { viewBox: unknown; n: number; marker: TimelineMarker }) {
  const box = typeof viewBox === "object" && viewBox !== null ? (viewBox as { x?: unknown; y?: unknown }) : {};
  const x = typeof box.x === "number" ? box.x : 0;
  const y = typeof box.y === "number" ? box.y : 0;
  return (
    <g data-testid="timeline-marker" data-marker-id={marker.id}>
      <title>{`${MARKER_KINDS[marker.kind].label} ${n}: ${marker.title} (${formatUtcMinute(Date.parse(marker.time))} UTC)`}</title>
      <text x={x} y={y - 4} textAnchor="middle" fontSize={11} fontWeight={700} fill={MARKER_COLOUR[marker.kind]}>
        {n}
      </text>
    </g>
  );
}

function TimelineTooltip({ props, timeline }: { props: TooltipContentProps; timeline: Timeline }) {
  const i = Number(props.activeIndex);
  const bin = props.active && Number.isInteger(i) ? timeline.bins[i] : undefined;
  if (!bin) return null;
  const total = seriesTotal(bin);
  return (
    <div className="timeline-tooltip" data-testid="timeline-tooltip" data-start={bin.start}>
      <div className="timeline-tooltip-range">{formatBarRange(Date.parse(bin.start), timeline.intervalMs)}</div>
      <table>
        <tbody>
          {CALL_SERIES.map((s) => (
            <tr key={s} data-series={s} data-count={bin[s]}>
              <th scope="row">
                <span className="swatch" style={{ background: CALL_SERIES_INFO[s].colour }} aria-hidden="true" />
                {CALL_SERIES_INFO[s].label}
              </th>
              <td>{bin[s].toLocaleString("en-US")}</td>
            </tr>
          ))}
          <tr data-series="total" data-count={total}>
            <th scope="row">Total</th>
            <td>{total.toLocaleString("en-US")}</td>
          </tr>
        </tbody>
      </table>
      {total > 0 ? <div className="muted">Click to list these events; drag to zoom</div> : null}
    </div>
  );
}
