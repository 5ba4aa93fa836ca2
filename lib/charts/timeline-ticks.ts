import { TIMELINE_ORIGIN } from "@/lib/timeline/timeline-interval";

/**
 * Axis ticks of the timeline, shared by the static SVG (components/charts/timeline-svg.tsx) and the
 * recharts chart (components/charts/case-timeline.tsx), so the report and the page label the same
 * instants. Pure: no locale, no time zone (every label is UTC).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Distances between time ticks, finest first. Each divides a day or is a whole number of weeks. */
const TICK_STEPS = [
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, WEEK, 2 * WEEK, 4 * WEEK, 13 * WEEK, 26 * WEEK, 52 * WEEK,
];

export type TimeTicks = { stepMs: number; ticks: number[] };

/**
 * At most `maxTicks` instants in [fromMs, toMs) to label, on round UTC times: the finest step that is a
 * whole number of bars and keeps the count within `maxTicks`, aligned like the bars (to midnight UTC, and
 * weeks to Mondays), so every tick is the start of a bar.
 */
export function timelineTicks(fromMs: number, toMs: number, intervalMs: number, maxTicks: number): TimeTicks {
  const span = Math.max(0, toMs - fromMs);
  const limit = Math.max(1, Math.floor(maxTicks));
  const fits = (step: number) => step % intervalMs === 0 && Math.ceil(span / step) <= limit;
  const stepMs = TICK_STEPS.find(fits) ?? Math.ceil(span / limit / (52 * WEEK)) * 52 * WEEK;
  const ticks: number[] = [];
  const first = TIMELINE_ORIGIN + Math.ceil((fromMs - TIMELINE_ORIGIN) / stepMs) * stepMs;
  for (let t = first; t < toMs; t += stepMs) ticks.push(t);
  return { stepMs, ticks };
}

export type TickLabel = { primary: string; secondary: string | null };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * Two-line labels: under a day the time ("14:30") with the date ("2023-07-10") under the first tick of
 * each day; from a day up the day ("Jul 10") with the year under the first tick of each year.
 */
export function timelineTickLabels(ticks: readonly number[], stepMs: number): TickLabel[] {
  let previous = "";
  return ticks.map((t) => {
    const iso = new Date(t).toISOString();
    const date = iso.slice(0, 10);
    if (stepMs < DAY) {
      const label = { primary: iso.slice(11, 16), secondary: date === previous ? null : date };
      previous = date;
      return label;
    }
    const year = date.slice(0, 4);
    const label = { primary: `${MONTHS[Number(date.slice(5, 7)) - 1] ?? "?"} ${Number(date.slice(8, 10))}`, secondary: year === previous ? null : year };
    previous = year;
    return label;
  });
}

/**
 * Round count ticks from 0 covering `max` in at most `target` steps of 1, 2 or 5 × 10ⁿ (never a
 * fraction of an event): the last tick is the top of the value axis.
 */
export function countTicks(max: number, target = 4): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(top / s) <= target);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}

/** A count tick's label: exact up to 9,999, then k / M (ticks are round, so nothing is hidden). */
export function formatCountTick(n: number): string {
  if (n < 10_000) return n.toLocaleString("en-US");
  if (n < 1_000_000) return `${trim(n / 1_000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

function trim(v: number): string {
  return String(Math.round(v * 100) / 100);
}
