import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { CALL_SERIES, type CallSeriesCounts } from "@/lib/charts/call-series";
import { getPool } from "@/lib/db/client";
import { cachedCaseResult, isEventsOnlyFilter } from "@/lib/cache/case-result-cache";
import { AppError } from "@/lib/errors";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { formatFilter } from "@/lib/events/filter/format-filter";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";
import { SERIES_COUNTS_SQL } from "@/lib/rollups/call-series-sql";
import { binStart, chooseTimelineInterval, TIMELINE_ORIGIN } from "@/lib/timeline/timeline-interval";
import { listTimelineMarkers } from "@/lib/timeline/list-timeline-markers";
import type { Timeline, TimelineBin } from "@/lib/timeline/timeline-types";

const HOUR = 3_600_000;

/**
 * The timeline of the case, or of the events matching `filter`: calls per bar, stacked by call series,
 * the bar width chosen from the range (lib/timeline/timeline-interval.ts). The range is the filter's
 * `after:` / `before:` terms where given, else the matching events' own first and last times.
 *
 * The whole case (no filter term other than after/before), at one-hour bars or wider, is
 * summed from the hourly rollup (lib/rollups): a few thousand rows whatever the event count. Anything
 * else is counted from the matching events, which a pivot's index keeps fast. The bars of a filter on
 * the events alone are counted once per case stamp (lib/cache/case-result-cache.ts); the markers
 * (bookmarks, findings, notes) are always read live.
 */
export async function getTimeline(scope: CaseScope, filter: FilterAst | undefined): Promise<Timeline> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const markersQuery = listTimelineMarkers(scope);
  const query = filter ? formatFilter(filter) : "";
  const bars = isEventsOnlyFilter(filter)
    ? await cachedCaseResult(scope, "timeline", query, () => timelineBars(scope, filter, query))
    : await timelineBars(scope, filter, query);
  const first = bars.from === null ? 0 : Date.parse(bars.from);
  const end = bars.to === null ? 0 : Date.parse(bars.to);
  const markers = (await markersQuery).filter((m) => {
    const t = Date.parse(m.time);
    return t >= first && t < end;
  });
  return { ...bars, markers };
}

async function timelineBars(scope: CaseScope, filter: FilterAst | undefined, query: string): Promise<Omit<Timeline, "markers">> {
  const pool = getPool();
  const terms = filter?.terms ?? [];
  let after: number | undefined;
  let before: number | undefined;
  let otherTerms = false;
  for (const term of terms) {
    if (term.kind === "field" && !term.negated && term.op === "after") after = Math.max(after ?? -Infinity, Date.parse(term.value));
    else if (term.kind === "field" && !term.negated && term.op === "before") before = Math.min(before ?? Infinity, Date.parse(term.value));
    else otherTerms = true;
  }
  const rollupShaped = !otherTerms;
  // The range terms become the bars' range (snapped outwards to whole bars, so each bar counts its whole
  // interval and clicking it lists exactly those events); the other terms filter.
  const rest = terms.filter((t) => !(t.kind === "field" && !t.negated && (t.op === "after" || t.op === "before")));
  const where = rest.length > 0 ? filterToSql({ terms: rest }, 2) : { sql: "TRUE", values: [] };

  let from = after;
  let to = before;
  let pendingEvents = 0;
  if (from === undefined || to === undefined) {
    const { rows } = rollupShaped
      ? await pool.query<{ first: Date | null; last: Date | null }>(
          `SELECT min(hour) AS first, max(hour) + interval '1 hour' AS last FROM case_hour_counts
            WHERE case_id = $1 AND hour IS NOT NULL AND ($2::timestamptz IS NULL OR hour >= $2) AND ($3::timestamptz IS NULL OR hour < $3)`,
          [scope.caseId, toDate(after), toDate(before)],
        )
      : await pool.query<{ first: Date | null; last: Date | null }>(
          `SELECT min(event_time) AS first, max(event_time) + interval '1 millisecond' AS last FROM events
            WHERE case_id = $1 AND event_time IS NOT NULL AND (${where.sql})
              AND ($${where.values.length + 2}::timestamptz IS NULL OR event_time >= $${where.values.length + 2})
              AND ($${where.values.length + 3}::timestamptz IS NULL OR event_time < $${where.values.length + 3})`,
          [scope.caseId, ...where.values, toDate(after), toDate(before)],
        );
    from ??= rows[0]?.first?.getTime();
    to ??= rows[0]?.last?.getTime();
  }
  if (from === undefined || to === undefined || to <= from) {
    const interval = chooseTimelineInterval(0, 0);
    return { query, interval: interval.id, intervalMs: interval.ms, from: null, to: null, bins: [], total: 0, source: rollupShaped ? "rollup" : "events", pendingEvents };
  }
  const interval = chooseTimelineInterval(from, to);
  const first = binStart(from, interval.ms);
  const end = binStart(to - 1, interval.ms) + interval.ms;
  const useRollup = rollupShaped && interval.ms >= HOUR;
  const step = `${interval.ms / 1000} seconds`;
  const origin = new Date(TIMELINE_ORIGIN);
  const { rows } = useRollup
    ? await pool.query<CallSeriesCounts & { bin: Date }>(
        `SELECT date_bin($2::interval, hour, $3::timestamptz) AS bin,
                sum(mutating)::int AS "mutating", sum(read_only)::int AS "readOnly", sum(denied)::int AS "denied", sum(unrecorded)::int AS "unrecorded"
           FROM case_hour_counts WHERE case_id = $1 AND hour >= $4 AND hour < $5
          GROUP BY 1`,
        [scope.caseId, step, origin, new Date(from), new Date(to)],
      )
    : await pool.query<CallSeriesCounts & { bin: Date }>(
        `SELECT date_bin($${where.values.length + 2}::interval, event_time, $${where.values.length + 3}::timestamptz) AS bin,
                ${SERIES_COUNTS_SQL}
           FROM events WHERE case_id = $1 AND event_time >= $${where.values.length + 4} AND event_time < $${where.values.length + 5} AND (${where.sql})
          GROUP BY 1`,
        [scope.caseId, ...where.values, step, origin, new Date(first), new Date(end)],
      );
  if (useRollup) {
    const { rows: state } = await pool.query<{ pending: number }>(
      `SELECT greatest(event_count - coalesce(rollups_event_count, 0), 0)::int AS pending FROM cases WHERE id = $1`,
      [scope.caseId],
    );
    pendingEvents = state[0]?.pending ?? 0;
  }
  const byStart = new Map(rows.map((r) => [r.bin.getTime(), r]));
  const bins: TimelineBin[] = [];
  let total = 0;
  for (let t = first; t < end; t += interval.ms) {
    const row = byStart.get(t);
    const bin: TimelineBin = { start: new Date(t).toISOString(), mutating: 0, readOnly: 0, denied: 0, unrecorded: 0 };
    for (const series of CALL_SERIES) {
      bin[series] = row?.[series] ?? 0;
      total += bin[series];
    }
    bins.push(bin);
  }
  return {
    query,
    interval: interval.id,
    intervalMs: interval.ms,
    from: new Date(first).toISOString(),
    to: new Date(end).toISOString(),
    bins,
    total,
    source: useRollup ? "rollup" : "events",
    pendingEvents,
  };
}

function toDate(t: number | undefined): Date | null {
  return t === undefined ? null : new Date(t);
}
