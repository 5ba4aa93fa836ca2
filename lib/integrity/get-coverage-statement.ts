import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { eventsHref, fixedTerms, valueTerm } from "@/lib/charts/chart-terms";
import type { LinkedCount, ValueCount } from "@/lib/dashboard/case-dashboard-types";
import { cachedCaseResult } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import { coverageSentences } from "@/lib/integrity/coverage-sentences";
import type { CoverageStatement, GlobalServiceCoverage, UncoveredStretch } from "@/lib/integrity/coverage-statement-types";

export const UNCOVERED_LIMIT = 100;
const HOUR_MS = 3_600_000;
const GLOBAL_SOURCES = ["iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com"] as const;
const KNOWN_CATEGORIES = new Set(["Management", "Data", "Insight"]);

type Row = { k: string; a: string | null; b: string | null; c: string | null; t: Date | null; n: number; first: Date | null; last: Date | null };

/**
 * One pass over the case's events: the finest grouping the statement needs (category × account × region
 * × UTC hour × service class × readOnly; the callers' accounts as a second grouping set), then rolled
 * up into the figures. `cls` names the services the statement counts apart.
 */
const COVERAGE_SQL = `
  WITH fine AS MATERIALIZED (
    SELECT GROUPING(principal_account_id) AS fine_set, principal_account_id AS caller,
           event_category AS category, recipient_account_id AS account, aws_region AS region, date_trunc('hour', event_time) AS hour,
           CASE WHEN event_source IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'signin.amazonaws.com') THEN event_source
                WHEN event_source = 's3.amazonaws.com' THEN 's3' WHEN event_source = 'lambda.amazonaws.com' THEN 'lambda' ELSE '' END AS cls,
           read_only, count(*)::int AS n, min(event_time) AS first, max(event_time) AS last
      FROM events WHERE case_id = $1
     GROUP BY GROUPING SETS (
       (event_category, recipient_account_id, aws_region, date_trunc('hour', event_time),
        CASE WHEN event_source IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'signin.amazonaws.com') THEN event_source
             WHEN event_source = 's3.amazonaws.com' THEN 's3' WHEN event_source = 'lambda.amazonaws.com' THEN 'lambda' ELSE '' END,
        read_only),
       (principal_account_id))
  ), f AS (SELECT * FROM fine WHERE fine_set = 1)
  SELECT 'category' AS k, category AS a, cls AS b, read_only::text AS c, NULL::timestamptz AS t, sum(n)::int AS n, NULL::timestamptz AS first, NULL::timestamptz AS last
    FROM f GROUP BY category, cls, read_only
  UNION ALL SELECT 'account', coalesce(account, ''), NULL, NULL, NULL, sum(n)::int, NULL, NULL FROM f GROUP BY coalesce(account, '')
  UNION ALL SELECT 'region', coalesce(region, ''), NULL, NULL, NULL, sum(n)::int, NULL, NULL FROM f GROUP BY coalesce(region, '')
  UNION ALL SELECT 'global', cls, (region IS NOT DISTINCT FROM 'us-east-1')::text, NULL, NULL, sum(n)::int, NULL, NULL
    FROM f WHERE cls IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'signin.amazonaws.com') GROUP BY cls, (region IS NOT DISTINCT FROM 'us-east-1')
  UNION ALL SELECT 'hour', NULL, NULL, NULL, hour, sum(n)::int, min(first), max(last) FROM f WHERE hour IS NOT NULL GROUP BY hour
  UNION ALL SELECT 'undated', NULL, NULL, NULL, NULL, coalesce(sum(n), 0)::int, NULL, NULL FROM f WHERE hour IS NULL
  UNION ALL SELECT 'caller', caller, NULL, NULL, NULL, n, NULL, NULL FROM fine WHERE fine_set = 0 AND caller IS NOT NULL`;

/**
 * What the case's evidence covers (issue #7): its accounts and regions; whether IAM, STS and sign-in
 * events are recorded in us-east-1; whether read-only management events, data events (S3 object-level,
 * Lambda invocations) and Insights events are present; the callers from other accounts; the time the
 * events cover against the case's incident window, naming every part of it without any event. Every
 * count links to exactly its events. Requires "events:read".
 *
 * Cost: one pass over the case's events (the services and categories are not in the rollups), grouped
 * to a few rows per hour; then two index lookups for the exact first and last event inside the window.
 */
export async function getCoverageStatement(scope: CaseScope): Promise<CoverageStatement> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const { rows: caseRows } = await getPool().query<{ windowStart: Date | null; windowEnd: Date | null }>(
    `SELECT window_start AS "windowStart", window_end AS "windowEnd" FROM cases WHERE id = $1`,
    [scope.caseId],
  );
  const found = caseRows[0];
  if (!found) throw new AppError("NOT_FOUND");
  // The pass over the events takes 17 s at 5M amplified events: once per case stamp and incident
  // window (a setting, so part of the key) (lib/cache/case-result-cache.ts).
  const window = { start: found.windowStart?.toISOString() ?? null, end: found.windowEnd?.toISOString() ?? null };
  return cachedCaseResult(scope, "coverage", window, () => computeCoverageStatement(scope.caseId, found));
}

async function computeCoverageStatement(caseId: string, found: { windowStart: Date | null; windowEnd: Date | null }): Promise<CoverageStatement> {
  const pool = getPool();
  const href = (terms: FilterTermValue[]) => eventsHref(caseId, terms);
  const linked = (count: number, query: string): LinkedCount => ({ count, href: href(fixedTerms(query)) });
  const { rows } = await pool.query<Row>(COVERAGE_SQL, [caseId]);

  const byCount = (a: ValueCount, b: ValueCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const values = (k: string, field: "recipientAccountId" | "awsRegion") =>
    rows.filter((r) => r.k === k).map((r) => ({ value: r.a ?? "", count: r.n, href: href([valueTerm(field, r.a ?? "")]) })).sort(byCount);
  const accounts = values("account", "recipientAccountId");
  const regions = values("region", "awsRegion");
  const recipients = new Set(accounts.map((a) => a.value));
  const foreignCallerAccounts = rows
    .filter((r) => r.k === "caller" && r.a !== null && !recipients.has(r.a))
    .map((r) => ({ value: r.a!, count: r.n, href: href([valueTerm("userIdentity.accountId", r.a!)]) }))
    .sort(byCount);

  const sum = (pick: (r: Row) => boolean) => rows.filter((r) => r.k === "category" && pick(r)).reduce((s, r) => s + r.n, 0);
  const services: GlobalServiceCoverage[] = GLOBAL_SOURCES.map((source) => {
    const n = (inUsEast1: boolean) => rows.find((r) => r.k === "global" && r.a === source && r.b === String(inUsEast1))?.n ?? 0;
    return {
      eventSource: source,
      usEast1: linked(n(true), `eventSource:${source} awsRegion:us-east-1`),
      otherRegions: linked(n(false), `eventSource:${source} -awsRegion:us-east-1`),
    };
  });
  const mgmt = (r: Row) => r.a === "Management";
  const data = (r: Row) => r.a === "Data";
  const dataTotal = sum(data);
  const s3 = sum((r) => data(r) && r.b === "s3");
  const lambda = sum((r) => data(r) && r.b === "lambda");
  const otherCategories = new Map<string, number>();
  for (const r of rows) if (r.k === "category" && r.a !== null && !KNOWN_CATEGORIES.has(r.a)) otherCategories.set(r.a, (otherCategories.get(r.a) ?? 0) + r.n);
  const categories: CoverageStatement["categories"] = {
    management: {
      ...linked(sum(mgmt), "eventCategory:Management"),
      readOnly: linked(sum((r) => mgmt(r) && r.c === "true"), "eventCategory:Management readOnly:true"),
      writeOnly: linked(sum((r) => mgmt(r) && r.c === "false"), "eventCategory:Management readOnly:false"),
      readOnlyNotRecorded: linked(sum((r) => mgmt(r) && r.c === null), "eventCategory:Management -has:readOnly"),
    },
    data: {
      ...linked(dataTotal, "eventCategory:Data"),
      s3Object: linked(s3, "eventCategory:Data eventSource:s3.amazonaws.com"),
      lambdaInvoke: linked(lambda, "eventCategory:Data eventSource:lambda.amazonaws.com"),
      other: linked(dataTotal - s3 - lambda, "eventCategory:Data -eventSource:s3.amazonaws.com -eventSource:lambda.amazonaws.com"),
    },
    insight: linked(sum((r) => r.a === "Insight"), "eventCategory:Insight"),
    other: [...otherCategories].map(([value, count]) => ({ value, count, href: href([valueTerm("eventCategory", value)]) })).sort(byCount),
    none: linked(sum((r) => r.a === null), "-has:eventCategory"),
  };

  const hours = rows.filter((r) => r.k === "hour" && r.t !== null).map((r) => ({ t: r.t!.getTime(), first: r.first!.getTime(), last: r.last!.getTime() }));
  hours.sort((a, b) => a.t - b.t);
  const undated = rows.find((r) => r.k === "undated")?.n ?? 0;
  const total = accounts.reduce((s, a) => s + a.count, 0);
  const first = hours[0]?.first ?? null;
  const last = hours.length > 0 ? hours.reduce((m, h) => Math.max(m, h.last), -Infinity) : null;
  const window = found.windowStart || found.windowEnd ? { start: found.windowStart?.toISOString() ?? null, end: found.windowEnd?.toISOString() ?? null } : null;
  const time = await timeCoverage(caseId, hours.map((h) => h.t), first, last, window ? { start: found.windowStart, end: found.windowEnd } : null);

  const statement: Omit<CoverageStatement, "statements"> = {
    events: { total, undated: linked(undated, "-has:eventTime") },
    accounts,
    regions,
    foreignCallerAccounts,
    globalServices: { present: services.some((s) => s.usEast1.count > 0), services },
    categories,
    time: { first: first === null ? null : new Date(first).toISOString(), last: last === null ? null : new Date(last).toISOString(), window, ...time },
  };
  return { ...statement, statements: coverageSentences(statement) };
}

/** The scope compared (the window, open bounds replaced by the events' own range) and its parts without any event. */
async function timeCoverage(
  caseId: string,
  activeHours: number[],
  first: number | null,
  last: number | null,
  window: { start: Date | null; end: Date | null } | null,
): Promise<Pick<CoverageStatement["time"], "scope" | "uncovered" | "uncoveredTotal" | "uncoveredHours">> {
  let s0 = window?.start?.getTime() ?? first;
  let s1 = window?.end?.getTime() ?? last;
  // A window opening after the last event (or closing before the first) with its other bound open: nothing covers it.
  if (window?.start && !window.end && s0 !== null) s1 = Math.max(s1 ?? s0, s0);
  if (window?.end && !window.start && s1 !== null) s0 = Math.min(s0 ?? s1, s1);
  if (s0 === null || s1 === null || s1 < s0) return { scope: null, uncovered: [], uncoveredTotal: 0, uncoveredHours: 0 };
  const scope = { start: new Date(s0).toISOString(), end: new Date(s1).toISOString() };
  // The first and last event inside the scope (bounds included), through the (case_id, event_time) index.
  const { rows } = await getPool().query<{ firstIn: Date | null; lastIn: Date | null }>(
    `SELECT (SELECT min(event_time) FROM events WHERE case_id = $1 AND event_time >= $2 AND event_time <= $3) AS "firstIn",
            (SELECT max(event_time) FROM events WHERE case_id = $1 AND event_time >= $2 AND event_time <= $3) AS "lastIn"`,
    [caseId, new Date(s0), new Date(s1)],
  );
  const firstIn = rows[0]?.firstIn?.getTime() ?? null;
  const lastIn = rows[0]?.lastIn?.getTime() ?? null;
  const stretch = (start: number, end: number, kind: UncoveredStretch["kind"]): UncoveredStretch => ({
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    hours: (end - start) / HOUR_MS,
    kind,
  });
  const all: UncoveredStretch[] = [];
  if (firstIn === null || lastIn === null) {
    all.push(stretch(s0, s1, "silent"));
  } else {
    if (firstIn > s0) all.push(stretch(s0, firstIn, "before-first"));
    const from = Math.floor(firstIn / HOUR_MS) * HOUR_MS;
    const to = Math.floor(lastIn / HOUR_MS) * HOUR_MS;
    const inside = activeHours.filter((h) => h >= from && h <= to);
    for (let i = 1; i < inside.length; i++) {
      if (inside[i]! - inside[i - 1]! > HOUR_MS) all.push(stretch(inside[i - 1]! + HOUR_MS, inside[i]!, "silent"));
    }
    if (s1 > lastIn) all.push(stretch(lastIn, s1, "after-last"));
  }
  return {
    scope,
    uncovered: all.slice(0, UNCOVERED_LIMIT),
    uncoveredTotal: all.length,
    uncoveredHours: all.reduce((s, u) => s + u.hours, 0),
  };
}

