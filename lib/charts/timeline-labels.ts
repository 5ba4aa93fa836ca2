import { CALL_SERIES, CALL_SERIES_INFO, emptySeriesCounts, type CallSeriesCounts } from "@/lib/charts/call-series";
import { TIMELINE_INTERVALS, type TimelineIntervalId } from "@/lib/timeline/timeline-interval";
import type { Timeline } from "@/lib/timeline/timeline-types";

/**
 * The words around the timeline (header, tooltip, table, the SVG's description), shared by the page's
 * chart and the report's static SVG so both say the same thing. Every time is UTC and says so.
 */

/** "2023-07-10 14:30" (UTC; the caller says "UTC" once per phrase). */
export function formatUtcMinute(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** A bar's interval: "2023-07-10 14:30–14:45 UTC", or both dates when it ends on another day. */
export function formatBarRange(startMs: number, intervalMs: number): string {
  const start = formatUtcMinute(startMs);
  const end = formatUtcMinute(startMs + intervalMs);
  return end.slice(0, 10) === start.slice(0, 10) ? `${start}–${end.slice(11)} UTC` : `${start} – ${end} UTC`;
}

/** "15-minute bars, UTC". */
export function timelineIntervalHeading(interval: TimelineIntervalId): string {
  const label = TIMELINE_INTERVALS.find((i) => i.id === interval)?.label ?? interval;
  return `${label.replace(/ (\w+?)s?$/, "-$1")} bars, UTC`;
}

/** Where the counts come from (the header says it, so a reader knows how fresh they are). */
export function timelineSourceText(source: Timeline["source"]): string {
  return source === "rollup" ? "from pre-computed hourly counts" : "counted from the matching events";
}

/** "1 event" / "1,234 events". */
export function formatEventCount(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "event" : "events"}`;
}

/** Each series summed over the bars. */
export function timelineSeriesTotals(timeline: Pick<Timeline, "bins">): CallSeriesCounts {
  const totals = emptySeriesCounts();
  for (const bin of timeline.bins) for (const series of CALL_SERIES) totals[series] += bin[series];
  return totals;
}

/**
 * One sentence for screen readers and the SVG's <desc>: total, range, bar width, the split by series
 * and the markers.
 */
export function describeTimeline(timeline: Timeline): string {
  if (timeline.from === null || timeline.to === null || timeline.bins.length === 0) return "No dated events to draw.";
  const totals = timelineSeriesTotals(timeline);
  const split = CALL_SERIES.filter((s) => totals[s] > 0)
    .map((s) => `${lowerFirst(CALL_SERIES_INFO[s].label)} ${totals[s].toLocaleString("en-US")}`)
    .join(", ");
  const bars = `${timeline.bins.length.toLocaleString("en-US")} ${timelineIntervalHeading(timeline.interval).replace(/ bars, UTC$/, "")} bars`;
  const markers = timeline.markers.length === 0 ? "" : ` ${timeline.markers.length === 1 ? "1 marker" : `${timeline.markers.length} markers`} on the time axis.`;
  return (
    `${formatEventCount(timeline.total)} from ${formatUtcMinute(Date.parse(timeline.from))} to ${formatUtcMinute(Date.parse(timeline.to))} UTC in ${bars}` +
    `${split ? ` (${split})` : ""}.${markers}`
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
