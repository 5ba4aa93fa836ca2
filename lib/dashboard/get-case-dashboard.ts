import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { cachedCaseResult } from "@/lib/cache/case-result-cache";
import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { eventsHref, fixedTerms, valueTerm } from "@/lib/charts/chart-terms";
import { TOP_DIMENSIONS, type CaseDashboard, type NewInWindowItem, type TopDimension, type TopItem, type ValueCount } from "@/lib/dashboard/case-dashboard-types";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { guardedInetSql } from "@/lib/events/filter/filter-to-sql";
import { findingEventsHref } from "@/lib/findings/finding-events-href";
import { identityHref } from "@/lib/identities/identity-href";

export const DASHBOARD_TOP_N = 8;
export const DASHBOARD_NEW_N = 20;
export const DASHBOARD_BOOKMARKS_N = 6;
export const DASHBOARD_FINDINGS_N = 8;

const TOP_FIELDS: Record<TopDimension, FilterFieldName> = {
  principal: "userIdentity.arn",
  key: "userIdentity.accessKeyId",
  ip: "sourceIPAddress",
  userAgent: "userAgent",
};
const MUTATING = fixedTerms(CALL_SERIES_INFO.mutating.terms);
const DENIED = fixedTerms(CALL_SERIES_INFO.denied.terms);

/**
 * The case's dashboard, from its rollups (lib/rollups) plus a few index lookups: a dozen small queries
 * whatever the event count. Requires "events:read" (its figures are the case's evidence).
 */
export async function getCaseDashboard(scope: CaseScope): Promise<CaseDashboard> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const pool = getPool();
  const caseId = scope.caseId;
  const href = (terms: FilterTermValue[]) => eventsHref(caseId, terms);

  const [caseRows, rollups, range, runs, bookmarks, findings] = await Promise.all([
    pool.query<{
      eventCount: number;
      evidenceFileCount: number;
      rollupsEventCount: number | null;
      rollupsBuiltAt: Date | null;
      windowStart: Date | null;
      windowEnd: Date | null;
      networks: string[];
      countries: string[];
      detectionsRunAt: Date | null;
    }>(
      `SELECT event_count AS "eventCount", evidence_file_count AS "evidenceFileCount", rollups_event_count AS "rollupsEventCount", rollups_built_at AS "rollupsBuiltAt",
              window_start AS "windowStart", window_end AS "windowEnd", trusted_networks AS networks, expected_countries AS countries,
              detections_run_at AS "detectionsRunAt"
         FROM cases WHERE id = $1`,
      [caseId],
    ),
    // The parts read from the rollups alone (48,012 hour rows and 65,579 actor rows at 5M events: 75–110 ms,
    // on every overview): stored per case stamp, which changes when the rollups are rebuilt.
    cachedCaseResult(scope, "dashboard-rollups", { top: DASHBOARD_TOP_N }, async () => {
      const [sums, actors] = await Promise.all([
        pool.query<{ account: string | null; region: string | null; category: string | null; undated: boolean | null; g: number; mutating: number; readOnly: number; denied: number; unrecorded: number }>(
          `SELECT account_id AS account, region, category, (hour IS NULL) AS undated, GROUPING(account_id, region, category, (hour IS NULL))::int AS g,
                  coalesce(sum(mutating), 0)::int AS mutating, coalesce(sum(read_only), 0)::int AS "readOnly",
                  coalesce(sum(denied), 0)::int AS denied, coalesce(sum(unrecorded), 0)::int AS unrecorded
             FROM case_hour_counts WHERE case_id = $1
            GROUP BY GROUPING SETS ((account_id), (region), (category), ((hour IS NULL)), ())`,
          [caseId],
        ),
        // Per dimension: how many distinct values, and the top values by mutating and by denied calls,
        // each read in order from its index (case_actor_counts_top_*_idx), however many keys the case has.
        pool.query<{ dimension: TopDimension; n: number; list: "mutating" | "denied" | null; rank: number | null; value: string | null; count: number | null; country: string | null }>(
          `SELECT d.dimension, n.n, t.list, t.rank, t.value, t.count, t.country
             FROM unnest($3::text[]) AS d(dimension)
            CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM case_actor_counts WHERE case_id = $1 AND dimension = d.dimension) n
             LEFT JOIN LATERAL (
               SELECT 'mutating' AS list, (row_number() OVER (ORDER BY mutating DESC, value))::int AS rank, value, mutating AS count, country FROM (
                 SELECT value, mutating, country FROM case_actor_counts WHERE case_id = $1 AND dimension = d.dimension AND mutating > 0
                  ORDER BY mutating DESC, value LIMIT $2) m
               UNION ALL
               SELECT 'denied', (row_number() OVER (ORDER BY denied DESC, value))::int, value, denied, country FROM (
                 SELECT value, denied, country FROM case_actor_counts WHERE case_id = $1 AND dimension = d.dimension AND denied > 0
                  ORDER BY denied DESC, value LIMIT $2) x
             ) t ON true`,
          [caseId, DASHBOARD_TOP_N, TOP_DIMENSIONS],
        ),
      ]);
      return { sums: sums.rows, actors: actors.rows };
    }),
    pool.query<{ first: Date | null; last: Date | null }>(`SELECT min(event_time) AS first, max(event_time) AS last FROM events WHERE case_id = $1`, [caseId]),
    pool.query<{ state: string; n: number; last: Date | null }>(
      `SELECT state::text, count(*)::int AS n, max(finished_at) AS last FROM ingest_runs WHERE case_id = $1 GROUP BY 1`,
      [caseId],
    ),
    pool.query<{ id: string; title: string; view: string; createdAt: Date; author: string | null; total: number }>(
      `SELECT b.id, b.title, b.view, b.created_at AS "createdAt", u.name AS author, count(*) OVER ()::int AS total
         FROM bookmarks b LEFT JOIN users u ON u.id = b.created_by_id
        WHERE b.case_id = $1 ORDER BY b.created_at DESC LIMIT $2`,
      [caseId, DASHBOARD_BOOKMARKS_N],
    ),
    pool.query<{ id: string; title: string; severity: string; principal: string; status: string; failedAttempt: boolean; eventCount: number; firstAt: Date | null; n: number; rank: number }>(
      `SELECT f.id, f.title, f.severity, f.principal, f.status, f.failed_attempt AS "failedAttempt", f.event_count AS "eventCount",
              f.first_at AS "firstAt",
              count(*) OVER (PARTITION BY f.status)::int AS n,
              row_number() OVER (ORDER BY (f.status = 'false-positive'), (f.status <> 'confirmed'),
                CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.first_at, f.id)::int AS rank
         FROM findings f WHERE f.case_id = $1`,
      [caseId],
    ),
  ]);
  const found = caseRows.rows[0];
  if (!found) throw new AppError("NOT_FOUND");

  const series = Object.fromEntries(CALL_SERIES.map((s) => [s, { count: 0, href: href(fixedTerms(CALL_SERIES_INFO[s].terms)) }])) as CaseDashboard["series"];
  const accounts: ValueCount[] = [];
  const regions: ValueCount[] = [];
  const categories: ValueCount[] = [];
  let undated = 0;
  for (const row of rollups.sums) {
    const count = row.mutating + row.readOnly + row.denied + row.unrecorded;
    // GROUPING bits, left to right: account, region, category, undated; a set bit = "not grouped by".
    if (row.g === 0b1111) for (const s of CALL_SERIES) series[s].count = row[s];
    else if (row.g === 0b0111) accounts.push({ value: row.account ?? "", count, href: href([valueTerm("recipientAccountId", row.account ?? "")]) });
    else if (row.g === 0b1011) regions.push({ value: row.region ?? "", count, href: href([valueTerm("awsRegion", row.region ?? "")]) });
    else if (row.g === 0b1101) categories.push({ value: row.category ?? "", count, href: href([valueTerm("eventCategory", row.category ?? "")]) });
    else if (row.g === 0b1110 && row.undated) undated = count;
  }
  const byCount = (a: ValueCount, b: ValueCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

  const tops = Object.fromEntries(
    (["principal", "key", "ip", "userAgent"] as const).map((d) => [d, { byMutating: [] as TopItem[], byDenied: [] as TopItem[], distinct: 0 }]),
  ) as CaseDashboard["tops"];
  const topItem = (dimension: TopDimension, value: string, count: number, country: string | null, terms: FilterTermValue[]): TopItem => ({
    value,
    count,
    country: dimension === "ip" ? country : null,
    href: href([valueTerm(TOP_FIELDS[dimension], value), ...terms]),
    identityHref: value === "" ? null : dimension === "principal" ? identityHref(caseId, "principal", value) : dimension === "key" ? identityHref(caseId, "key", value) : null,
  });
  for (const row of rollups.actors) {
    const top = tops[row.dimension];
    if (!top) continue;
    top.distinct = row.n;
    if (row.list === null || row.rank === null || row.value === null || row.count === null) continue;
    if (row.list === "mutating") top.byMutating[row.rank - 1] = topItem(row.dimension, row.value, row.count, row.country, MUTATING);
    else top.byDenied[row.rank - 1] = topItem(row.dimension, row.value, row.count, row.country, DENIED);
  }

  const [newInWindow, untrusted] = await Promise.all([
    newInWindowOf(caseId, found.windowStart, found.windowEnd),
    untrustedOf(caseId, found.networks, found.countries, found.rollupsEventCount ?? 0, href),
  ]);

  const runCount = (state: string) => runs.rows.find((r) => r.state === state)?.n ?? 0;
  const lastFinished = runs.rows.map((r) => r.last?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
  return {
    events: {
      total: found.eventCount,
      undated: { count: undated, href: href(fixedTerms("-has:eventTime")) },
      pendingEvents: Math.max(0, found.eventCount - (found.rollupsEventCount ?? 0)),
      rollupsBuiltAt: found.rollupsBuiltAt?.toISOString() ?? null,
    },
    range: { first: range.rows[0]?.first?.toISOString() ?? null, last: range.rows[0]?.last?.toISOString() ?? null },
    series,
    accounts: accounts.sort(byCount),
    regions: regions.sort(byCount),
    categories: categories.sort(byCount),
    ingest: {
      runs: runs.rows.reduce((sum, r) => sum + r.n, 0),
      succeeded: runCount("succeeded"),
      failed: runCount("failed") + runCount("cancelled"),
      active: runCount("queued") + runCount("running"),
      files: found.evidenceFileCount,
      lastFinishedAt: lastFinished > 0 ? new Date(lastFinished).toISOString() : null,
    },
    tops,
    newInWindow,
    untrusted,
    bookmarks: bookmarks.rows.map((b) => ({ id: b.id, title: b.title, createdAt: b.createdAt.toISOString(), author: b.author, href: b.view })),
    bookmarkCount: bookmarks.rows[0]?.total ?? 0,
    findings: {
      byStatus: {
        new: findings.rows.find((f) => f.status === "new")?.n ?? 0,
        confirmed: findings.rows.find((f) => f.status === "confirmed")?.n ?? 0,
        falsePositive: findings.rows.find((f) => f.status === "false-positive")?.n ?? 0,
      },
      open: findings.rows
        .filter((f) => f.status !== "false-positive" && f.rank <= DASHBOARD_FINDINGS_N)
        .sort((a, b) => a.rank - b.rank)
        .map((f) => ({
          id: f.id,
          title: f.title,
          severity: f.severity,
          principal: f.principal,
          status: f.status,
          failedAttempt: f.failedAttempt,
          eventCount: f.eventCount,
          firstAt: f.firstAt?.toISOString() ?? null,
          href: findingEventsHref(caseId, f.id),
        })),
      detectionsRunAt: found.detectionsRunAt?.toISOString() ?? null,
    },
  };

  async function newInWindowOf(id: string, start: Date | null, end: Date | null): Promise<CaseDashboard["newInWindow"]> {
    if (!start && !end) return null;
    const { rows } = await pool.query<{ dimension: NewInWindowItem["dimension"]; value: string; firstAt: Date; total: number }>(
      `SELECT dimension, value, first_at AS "firstAt", count(*) OVER ()::int AS total FROM case_actor_counts
        WHERE case_id = $1 AND dimension IN ('principal', 'key', 'ip') AND first_at IS NOT NULL
          AND ($2::timestamptz IS NULL OR first_at >= $2) AND ($3::timestamptz IS NULL OR first_at <= $3)
        ORDER BY first_at, dimension, value LIMIT $4`,
      [id, start, end, DASHBOARD_NEW_N],
    );
    return {
      start: start?.toISOString() ?? null,
      end: end?.toISOString() ?? null,
      items: rows.map((r) => ({
        dimension: r.dimension,
        value: r.value,
        firstAt: r.firstAt.toISOString(),
        href: r.dimension === "ip" ? href([valueTerm("sourceIPAddress", r.value)]) : identityHref(id, r.dimension, r.value),
      })),
      more: Math.max(0, (rows[0]?.total ?? 0) - rows.length),
    };
  }
}

/**
 * Calls from outside the trusted networks and expected countries, counted as the filter language's
 * `-trusted:true` and `-expectedCountry:true` count them (calls without a source IP or country are
 * outside), from the per-IP rollup.
 */
async function untrustedOf(
  caseId: string,
  networks: string[],
  countries: string[],
  rolledUpEvents: number,
  href: (terms: FilterTermValue[]) => string,
): Promise<CaseDashboard["untrusted"]> {
  if (networks.length === 0 && countries.length === 0) return { outsideNetworks: null, outsideCountries: null, ips: [] };
  const inNetworks = `coalesce(${guardedInetSql("value")} <<= ANY($2::cidr[]), false)`;
  const inCountries = "coalesce(country = ANY($3::text[]), false)";
  const pool = getPool();
  const [{ rows: sums }, { rows: ips }] = await Promise.all([
    pool.query<{ withIp: number; outsideNetworks: number; outsideCountries: number }>(
      `SELECT coalesce(sum(total), 0)::int AS "withIp",
              coalesce(sum(total) FILTER (WHERE NOT ${inNetworks}), 0)::int AS "outsideNetworks",
              coalesce(sum(total) FILTER (WHERE NOT ${inCountries}), 0)::int AS "outsideCountries"
         FROM case_actor_counts WHERE case_id = $1 AND dimension = 'ip'`,
      [caseId, networks, countries],
    ),
    pool.query<{ value: string; total: number; country: string | null }>(
      `SELECT value, total, country FROM case_actor_counts
        WHERE case_id = $1 AND dimension = 'ip' AND NOT ${inNetworks} AND NOT (cardinality($3::text[]) > 0 AND ${inCountries})
        ORDER BY total DESC, value LIMIT $4`,
      [caseId, networks, countries, DASHBOARD_TOP_N],
    ),
  ]);
  const withoutIp = Math.max(0, rolledUpEvents - (sums[0]?.withIp ?? 0));
  return {
    outsideNetworks: networks.length > 0 ? { count: (sums[0]?.outsideNetworks ?? 0) + withoutIp, href: href(fixedTerms("-trusted:true")) } : null,
    outsideCountries: countries.length > 0 ? { count: (sums[0]?.outsideCountries ?? 0) + withoutIp, href: href(fixedTerms("-expectedCountry:true")) } : null,
    ips: ips.map((ip) => ({ value: ip.value, count: ip.total, country: ip.country, identityHref: null, href: href([valueTerm("sourceIPAddress", ip.value)]) })),
  };
}
