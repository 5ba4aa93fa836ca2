/**
 * The timeline's bar widths, finest first, and the choice of one from the zoom level: the finest that
 * draws the range in at most MAX_TIMELINE_BARS bars. Bars are aligned to multiples of their width since
 * TIMELINE_ORIGIN (a Monday, 00:00 UTC), so week bars start on Mondays and day bars at midnight UTC.
 * Pure: shared by the data layer (SQL date_bin) and the charts (labels, zoom).
 */
export const TIMELINE_INTERVALS = [
  { id: "1m", ms: 60_000, label: "1 minute" },
  { id: "5m", ms: 300_000, label: "5 minutes" },
  { id: "15m", ms: 900_000, label: "15 minutes" },
  { id: "1h", ms: 3_600_000, label: "1 hour" },
  { id: "3h", ms: 10_800_000, label: "3 hours" },
  { id: "6h", ms: 21_600_000, label: "6 hours" },
  { id: "12h", ms: 43_200_000, label: "12 hours" },
  { id: "1d", ms: 86_400_000, label: "1 day" },
  { id: "7d", ms: 604_800_000, label: "1 week" },
] as const;
export type TimelineInterval = (typeof TIMELINE_INTERVALS)[number];
export type TimelineIntervalId = TimelineInterval["id"];

export const MAX_TIMELINE_BARS = 240;
export const TIMELINE_ORIGIN = Date.UTC(2000, 0, 3);

/** The finest interval drawing [from, to) in ≤ MAX_TIMELINE_BARS bars (the coarsest if none does). */
export function chooseTimelineInterval(fromMs: number, toMs: number, maxBars = MAX_TIMELINE_BARS): TimelineInterval {
  const span = Math.max(0, toMs - fromMs);
  for (const interval of TIMELINE_INTERVALS) {
    if (Math.ceil(span / interval.ms) <= maxBars) return interval;
  }
  return TIMELINE_INTERVALS[TIMELINE_INTERVALS.length - 1]!;
}

/** The start of the bar of `interval` holding instant `ms`. */
export function binStart(ms: number, intervalMs: number): number {
  return TIMELINE_ORIGIN + Math.floor((ms - TIMELINE_ORIGIN) / intervalMs) * intervalMs;
}
