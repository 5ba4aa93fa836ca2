import type { CaseScope } from "@/lib/auth/case-scope";
import { cachedCaseResult, isEventsOnlyFilter } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { formatFilter } from "@/lib/events/filter/format-filter";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";

/** The facets beside the events table: the column each counts and the filter field a click adds. */
export const EVENT_FACETS = [
  { id: "eventName", label: "Event names", column: "event_name", field: "eventName" },
  { id: "principal", label: "Principals", column: "principal_arn", field: "userIdentity.arn" },
  { id: "accessKeyId", label: "Access keys", column: "access_key_id", field: "userIdentity.accessKeyId" },
  { id: "sourceIPAddress", label: "Source IPs", column: "source_ip_address", field: "sourceIPAddress" },
  { id: "awsRegion", label: "Regions", column: "aws_region", field: "awsRegion" },
  { id: "errorCode", label: "Error codes", column: "error_code", field: "errorCode" },
] as const satisfies readonly { id: string; label: string; column: string; field: FilterFieldName }[];

export type EventFacetId = (typeof EVENT_FACETS)[number]["id"];
export type EventFacets = {
  facets: { id: EventFacetId; label: string; field: FilterFieldName; values: { value: string; count: number }[] }[];
  /** How many matching events were counted: all of them, or the newest `sample` when as many or more match. */
  counted: number;
  sampled: boolean;
};

/** Events beyond which facets count the newest ones only (bounded work per page view; labelled). */
export const FACET_SAMPLE = 100_000;

/**
 * Top values (by count, then value) of each facet over the matching events, in one scan with GROUPING
 * SETS. The scan reads the newest `sample` matching events through the time index (in the index's own
 * order, DESC NULLS FIRST: undated events count first; NULLS LAST would sort the whole case instead), so its cost is bounded
 * however broad the filter; `sampled` says when that cut applied. Without a filter on annotations or
 * case settings, they are counted once per case stamp (lib/cache/case-result-cache.ts).
 */
export async function findEventFacets(scope: CaseScope, filter?: FilterAst, opts: { top?: number; sample?: number } = {}): Promise<EventFacets> {
  const top = Math.min(Math.max(opts.top ?? 8, 1), 50);
  const sample = Math.max(opts.sample ?? FACET_SAMPLE, 1);
  if (!isEventsOnlyFilter(filter)) return computeEventFacets(scope, filter, top, sample);
  return cachedCaseResult(scope, "facets", { filter: filter ? formatFilter(filter) : "", top, sample }, () => computeEventFacets(scope, filter, top, sample));
}

async function computeEventFacets(scope: CaseScope, filter: FilterAst | undefined, top: number, sample: number): Promise<EventFacets> {
  const params: unknown[] = [scope.caseId, sample, top];
  const where = filter ? filterToSql(filter, params.length + 1) : { sql: "TRUE", values: [] };
  params.push(...where.values);
  const cols = EVENT_FACETS.map((f) => f.column);
  const which = `CASE ${cols.map((c, i) => `WHEN GROUPING(${c}) = 0 THEN ${i}`).join(" ")} END`;
  const value = `CASE ${cols.map((c) => `WHEN GROUPING(${c}) = 0 THEN ${c}`).join(" ")} END`;
  const { rows } = await getPool().query<{ facet: number; value: string | null; n: string; counted: string }>(
    `WITH m AS (
       SELECT ${cols.join(", ")} FROM events
        WHERE case_id = $1 AND (${where.sql})
        ORDER BY event_time DESC LIMIT $2
     ), g AS (
       SELECT ${which} AS facet, ${value} AS value, count(*) AS n
         FROM m GROUP BY GROUPING SETS (${cols.map((c) => `(${c})`).join(", ")})
     ), ranked AS (
       SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS rank
         FROM g WHERE value IS NOT NULL
     )
     SELECT facet, value, n::text, (SELECT count(*) FROM m)::text AS counted FROM ranked WHERE rank <= $3
     UNION ALL SELECT -1, NULL, '0', (SELECT count(*) FROM m)::text`,
    params,
  );
  const counted = Number(rows.find((r) => r.facet === -1)?.counted ?? 0);
  const facets = EVENT_FACETS.map((f, i) => ({
    id: f.id,
    label: f.label,
    field: f.field,
    values: rows
      .filter((r) => r.facet === i && r.value !== null)
      .map((r) => ({ value: r.value!, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
  }));
  // Exactly `sample` counted means the cut may have applied: labelled as the newest `sample` events.
  return { facets, counted, sampled: counted >= sample };
}
