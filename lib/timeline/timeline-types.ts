import type { CallSeriesCounts } from "@/lib/charts/call-series";
import type { TimelineIntervalId } from "@/lib/timeline/timeline-interval";

/** One bar: calls in [start, start + interval), split into the exclusive call series. */
export type TimelineBin = CallSeriesCounts & { start: string };

/**
 * Something drawn on the time axis: a bookmark (its first pinned event, else the event it opens), a
 * finding (its first event), or an integrity event (logging stopped, started, trail changed).
 */
export type TimelineMarker = { kind: TimelineMarkerKind; id: string; title: string; time: string; href: string };
export type TimelineMarkerKind = "bookmark" | "finding" | "integrity";

/** What each kind of marker is called and drawn in (chart, static SVG, list). */
export const MARKER_KINDS: Record<TimelineMarkerKind, { label: string; colour: string }> = {
  bookmark: { label: "Bookmark", colour: "#6941c6" },
  finding: { label: "Finding", colour: "#9a6700" },
  integrity: { label: "Logging", colour: "#c01048" },
};

/**
 * The timeline of a case or of a filter (GET /api/v1/cases/:caseId/timeline). Every bin of the range
 * is present, zeros included, so the x axis is real time. Times are ISO 8601 UTC.
 */
export type Timeline = {
  /** The filter the bars count ('' for the whole case). */
  query: string;
  interval: TimelineIntervalId;
  intervalMs: number;
  /** First bar's start and last bar's end; null when nothing dated matches. */
  from: string | null;
  to: string | null;
  bins: TimelineBin[];
  /** Sum of the bars: dated matching events in the range. */
  total: number;
  markers: TimelineMarker[];
  /** "rollup": whole-case hourly counts (lib/rollups); "events": counted from the matching events now. */
  source: "rollup" | "events";
  /** When source is "rollup": events ingested since the rollups were built (0 when current). */
  pendingEvents: number;
};
