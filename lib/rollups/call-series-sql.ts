import { DENIED_ERROR_CODES } from "@/lib/events/filter/filter-fields";

/**
 * SQL for the exclusive call series of lib/charts/call-series.ts over the `events` table (alias-free
 * column names). The denied codes are a literal list from DENIED_ERROR_CODES (our constant, never
 * CloudTrail content), so the fragments carry no parameters and can sit inside FILTER clauses.
 */
const deniedList = DENIED_ERROR_CODES.map((code) => `'${code.replace(/'/g, "''")}'`).join(", ");

export const DENIED_SQL = `coalesce(error_code IN (${deniedList}), false)`;

export const SERIES_SQL = {
  denied: DENIED_SQL,
  mutating: `NOT ${DENIED_SQL} AND read_only = false`,
  readOnly: `NOT ${DENIED_SQL} AND read_only = true`,
  unrecorded: `NOT ${DENIED_SQL} AND read_only IS NULL`,
} as const;

/** The case_hour_counts column of each series, in SERIES_SQL's order (the order of SERIES_COUNTS_SQL). */
export const SERIES_COLUMNS_SQL = Object.keys(SERIES_SQL)
  .map((series) => (series === "readOnly" ? "read_only" : series))
  .join(", ");

/** `count(*) FILTER (…) AS "<series>"` for each series, for a SELECT list. */
export const SERIES_COUNTS_SQL = (Object.entries(SERIES_SQL) as [string, string][])
  .map(([series, predicate]) => `count(*) FILTER (WHERE ${predicate})::int AS "${series}"`)
  .join(",\n       ");
