import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { afterTerm, beforeTerm, eventsHref, valueTerm } from "@/lib/charts/chart-terms";
import { cachedCaseResult } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import { DENIED_ERROR_CODES } from "@/lib/events/filter/filter-fields";
import type { DeniedHeatmap, HeatmapAxis, HeatmapColumn, HeatmapRow, HeatmapSort } from "@/lib/heatmaps/denied-heatmap-types";
import { binStart, chooseTimelineInterval } from "@/lib/timeline/timeline-interval";

export const HEATMAP_MAX_ROWS = 30;
export const HEATMAP_MAX_TIME_COLUMNS = 72;
export const HEATMAP_MAX_VALUE_COLUMNS = 24;
/** The widest explicit range the hour axis draws (in its coarsest, weekly, columns): about 19 years. */
export const HEATMAP_MAX_RANGE_WEEKS = 1_000;
const WEEK = 7 * 24 * 3_600_000;
const HOUR = 3_600_000;
const DENIED: FilterTermValue = { kind: "field", field: "errorCode", negated: false, op: "denied", value: true };

type Options = { axis: HeatmapAxis; sort: HeatmapSort; from?: Date | undefined; to?: Date | undefined };

/**
 * Denied calls per principal against time (hourly bins, wider when the range needs more than
 * HEATMAP_MAX_TIME_COLUMNS) or against eventSource / eventName, from the case's denied-count rollup
 * (lib/rollups): bounded by the number of distinct (hour, principal, service, action) groups, not by
 * the event count. Range bounds are snapped outwards to whole hours (the rollup's grain). Each view
 * is computed once per case stamp (lib/cache/case-result-cache.ts).
 */
export async function getDeniedHeatmap(scope: CaseScope, options: Options): Promise<DeniedHeatmap> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const params = { axis: options.axis, sort: options.sort, from: options.from?.getTime() ?? null, to: options.to?.getTime() ?? null };
  return cachedCaseResult(scope, "denied-heatmap", params, () => computeDeniedHeatmap(scope, options));
}

async function computeDeniedHeatmap(scope: CaseScope, options: Options): Promise<DeniedHeatmap> {
  const pool = getPool();
  const caseId = scope.caseId;
  const fromMs = options.from ? Math.floor(options.from.getTime() / HOUR) * HOUR : undefined;
  const toMs = options.to ? Math.ceil(options.to.getTime() / HOUR) * HOUR : undefined;
  if (options.axis === "hour" && fromMs !== undefined && toMs !== undefined && (toMs - fromMs) / WEEK > HEATMAP_MAX_RANGE_WEEKS) {
    throw new AppError("INVALID_INPUT", `The range is too wide for the hour axis: at most ${HEATMAP_MAX_RANGE_WEEKS.toLocaleString("en-US")} weeks. Narrow "after" or "before".`);
  }
  // Time columns need dated calls; the value axes also count undated ones when the range is open.
  const datedOnly = options.axis === "hour" || fromMs !== undefined || toMs !== undefined;
  const range = [caseId, fromMs === undefined ? null : new Date(fromMs), toMs === undefined ? null : new Date(toMs)] as const;
  const inRange = `case_id = $1 ${datedOnly ? "AND hour IS NOT NULL" : ""} AND ($2::timestamptz IS NULL OR hour >= $2) AND ($3::timestamptz IS NULL OR hour < $3)`;

  const [{ rows: principals }, { rows: state }] = await Promise.all([
    pool.query<{ principal: string; principalKind: HeatmapRow["principalKind"]; total: number; burst: number; burstHour: Date | null; first: Date | null }>(
      `WITH hourly AS (
         SELECT principal, principal_kind, hour, sum(count)::int AS n, min(first_at) AS first_at FROM case_denied_counts WHERE ${inRange}
          GROUP BY principal, principal_kind, hour
       )
       SELECT principal, principal_kind AS "principalKind", sum(n)::int AS total,
              max(n) FILTER (WHERE hour IS NOT NULL)::int AS burst,
              (array_agg(hour ORDER BY n DESC, hour) FILTER (WHERE hour IS NOT NULL))[1] AS "burstHour",
              min(first_at) AS first
         FROM hourly GROUP BY principal, principal_kind`,
      [...range],
    ),
    pool.query<{ pending: number }>(`SELECT greatest(event_count - coalesce(rollups_event_count, 0), 0)::int AS pending FROM cases WHERE id = $1`, [caseId]),
  ]);
  const sorted = principals.sort((a, b) => compareRows(options.sort, a, b));
  const shown = sorted.slice(0, HEATMAP_MAX_ROWS);
  const totalDenied = principals.reduce((sum, p) => sum + p.total, 0);
  const rangeTerms: FilterTermValue[] = [
    ...(fromMs === undefined ? [] : [afterTerm(new Date(fromMs).toISOString())]),
    ...(toMs === undefined ? [] : [beforeTerm(new Date(toMs).toISOString())]),
  ];
  const rows: HeatmapRow[] = shown.map((p) => ({
    principal: p.principal,
    principalKind: p.principalKind,
    total: p.total,
    burst: p.burst ?? 0,
    burstHour: p.burstHour?.toISOString() ?? null,
    first: p.first?.toISOString() ?? null,
    href: eventsHref(caseId, [DENIED, ...principalTerms(p.principalKind, p.principal), ...rangeTerms]),
  }));

  let columns: HeatmapColumn[] = [];
  let columnsOmitted = 0;
  let intervalMs: number | null = null;
  let from = fromMs;
  let to = toMs;
  const counts: number[][] = rows.map(() => []);
  const hrefs: (string | null)[][] = rows.map(() => []);
  const rowKey = (kind: string, principal: string) => `${kind}\u0000${principal}`;
  const rowIndex = new Map(rows.map((r, i) => [rowKey(r.principalKind, r.principal), i]));
  const names = rows.map((r) => r.principal);

  if (options.axis === "hour") {
    const { rows: extent } = await pool.query<{ first: Date | null; last: Date | null }>(
      `SELECT min(hour) AS first, max(hour) + interval '1 hour' AS last FROM case_denied_counts WHERE ${inRange}`,
      [...range],
    );
    from ??= extent[0]?.first?.getTime();
    to ??= extent[0]?.last?.getTime();
    if (from !== undefined && to !== undefined && to > from) {
      const span = Math.max(HOUR, chooseTimelineInterval(from, to, HEATMAP_MAX_TIME_COLUMNS).ms);
      intervalMs = span;
      const first = span === HOUR ? from : binStart(from, span);
      const end = span === HOUR ? to : binStart(to - 1, span) + span;
      from = first;
      to = end;
      for (let t = first; t < end; t += span) columns.push({ key: new Date(t).toISOString(), label: hourLabel(t, span), total: 0 });
      const { rows: cells } = await pool.query<{ principal: string; kind: HeatmapRow["principalKind"]; bin: Date; n: number }>(
        `SELECT principal, principal_kind AS kind, date_bin($5::interval, hour, $6::timestamptz) AS bin, sum(count)::int AS n
           FROM case_denied_counts WHERE case_id = $1 AND hour >= $2 AND hour < $3 AND principal = ANY($4::text[])
          GROUP BY 1, 2, 3`,
        [caseId, new Date(first), new Date(end), names, `${span / 1000} seconds`, new Date(first)],
      );
      const { rows: colTotals } = await pool.query<{ bin: Date; n: number }>(
        `SELECT date_bin($4::interval, hour, $5::timestamptz) AS bin, sum(count)::int AS n
           FROM case_denied_counts WHERE case_id = $1 AND hour >= $2 AND hour < $3 GROUP BY 1`,
        [caseId, new Date(first), new Date(end), `${span / 1000} seconds`, new Date(first)],
      );
      const colIndex = new Map(columns.map((c, i) => [Date.parse(c.key), i]));
      for (const t of colTotals) {
        const c = colIndex.get(t.bin.getTime());
        if (c !== undefined) columns[c]!.total = t.n;
      }
      fill(counts, hrefs, rows.length, columns.length);
      for (const cell of cells) {
        const r = rowIndex.get(rowKey(cell.kind, cell.principal));
        const c = colIndex.get(cell.bin.getTime());
        if (r === undefined || c === undefined) continue;
        counts[r]![c] = cell.n;
        const start = cell.bin.getTime();
        hrefs[r]![c] = eventsHref(caseId, [DENIED, ...principalTerms(cell.kind, cell.principal), afterTerm(new Date(start).toISOString()), beforeTerm(new Date(start + span).toISOString())]);
      }
    }
  } else {
    const column = options.axis === "service" ? "event_source" : "event_name";
    const field = options.axis === "service" ? "eventSource" : "eventName";
    const { rows: values } = await pool.query<{ value: string; n: number }>(
      `SELECT ${column} AS value, sum(count)::int AS n FROM case_denied_counts WHERE ${inRange} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1000`,
      [...range],
    );
    const kept = values.slice(0, HEATMAP_MAX_VALUE_COLUMNS);
    columnsOmitted = values.length - kept.length;
    columns = kept.map((v) => ({ key: v.value, label: v.value === "" ? "(none)" : v.value, total: v.n }));
    const { rows: cells } = await pool.query<{ principal: string; kind: HeatmapRow["principalKind"]; value: string; n: number }>(
      `SELECT principal, principal_kind AS kind, ${column} AS value, sum(count)::int AS n FROM case_denied_counts
        WHERE ${inRange} AND principal = ANY($4::text[]) AND ${column} = ANY($5::text[]) GROUP BY 1, 2, 3`,
      [...range, names, kept.map((v) => v.value)],
    );
    const colIndex = new Map(columns.map((c, i) => [c.key, i]));
    fill(counts, hrefs, rows.length, columns.length);
    for (const cell of cells) {
      const r = rowIndex.get(rowKey(cell.kind, cell.principal));
      const c = colIndex.get(cell.value);
      if (r === undefined || c === undefined) continue;
      counts[r]![c] = cell.n;
      hrefs[r]![c] = eventsHref(caseId, [DENIED, ...principalTerms(cell.kind, cell.principal), valueTerm(field, cell.value), ...rangeTerms]);
    }
  }
  return {
    axis: options.axis,
    sort: options.sort,
    intervalMs,
    from: from === undefined ? null : new Date(from).toISOString(),
    to: to === undefined ? null : new Date(to).toISOString(),
    rows,
    columns,
    counts,
    hrefs,
    // A loop, not Math.max(...cells): a wide range has more cells than a call may take arguments.
    max: counts.reduce((m, row) => row.reduce((a, n) => (n > a ? n : a), m), 0),
    totalDenied,
    rowsOmitted: sorted.length - shown.length,
    columnsOmitted,
    codes: DENIED_ERROR_CODES,
    pendingEvents: state[0]?.pending ?? 0,
  };
}

/** The terms selecting a heatmap row's principal: its ARN, or no ARN and this invoking service, or neither. */
function principalTerms(kind: HeatmapRow["principalKind"], principal: string): FilterTermValue[] {
  const none = (field: "userIdentity.arn" | "invokedBy"): FilterTermValue => ({ kind: "field", field, negated: true, op: "has", value: true });
  if (kind === "arn") return [valueTerm("userIdentity.arn", principal)];
  if (kind === "invokedBy") return [none("userIdentity.arn"), valueTerm("invokedBy", principal)];
  return [none("userIdentity.arn"), none("invokedBy")];
}

function fill(counts: number[][], hrefs: (string | null)[][], rows: number, columns: number): void {
  for (let r = 0; r < rows; r++) {
    counts[r] = new Array<number>(columns).fill(0);
    hrefs[r] = new Array<string | null>(columns).fill(null);
  }
}

type SortableRow = { principal: string; total: number; burst: number | null; first: Date | null };

function compareRows(sort: HeatmapSort, a: SortableRow, b: SortableRow): number {
  const byPrincipal = a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0;
  if (sort === "burst") return (b.burst ?? 0) - (a.burst ?? 0) || b.total - a.total || byPrincipal;
  if (sort === "first") {
    const fa = a.first?.getTime() ?? Infinity;
    const fb = b.first?.getTime() ?? Infinity;
    return fa - fb || b.total - a.total || byPrincipal;
  }
  return b.total - a.total || byPrincipal;
}

/** "07-14 13:00" for hourly columns; the date (and hour for sub-day bins) otherwise. UTC. */
function hourLabel(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span >= 86_400_000 ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
