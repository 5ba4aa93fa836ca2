import type { CaseScope } from "@/lib/auth/case-scope";
import { db, getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { DENIED_ERROR_CODES } from "@/lib/events/filter/filter-fields";
import { IDENTITY_KINDS, isIdentityKind, type IdentityItem, type IdentityItemList, type IdentityKind, type IncidentWindow } from "@/lib/identities/identity-kind";
import { isInIncidentWindow } from "@/lib/identities/is-in-incident-window";

/** Items kept per list (keys, IPs, user agents …), most events first. */
export const PROFILE_LIST_LIMIT = 100;
/** UTC days kept for the by-day series (the newest); ten years of daily bars is already unreadable. */
export const PROFILE_DAY_LIMIT = 3660;

export type IdentityRef = { kind: IdentityKind; value: string };

export type IdentityProfile = IdentityRef & {
  /** The case's incident window; null when none is set (then nothing is marked new). */
  window: IncidentWindow | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** The identity itself was first seen inside the incident window. */
  isNew: boolean;
  total: number;
  /** Events of the identity without a usable eventTime (counted in `total`, in no day). */
  undated: number;
  /** Events per UTC day ("YYYY-MM-DD"), oldest first; days without events are absent. */
  byDay: { day: string; count: number }[];
  /** Distinct days with events (more than `byDay.length` when the series was cut to the newest days). */
  dayCount: number;
  keys: IdentityItemList;
  sourceIps: IdentityItemList;
  userAgents: IdentityItemList;
  /** Where and with what (issue #10): source countries, "AS<n> <organisation>", tool families. */
  countries: IdentityItemList;
  asns: IdentityItemList;
  tools: IdentityItemList;
  regions: IdentityItemList;
  /** eventSource values. */
  services: IdentityItemList;
  /** userIdentity.arn values: the sessions of a role, the principals that used a key. */
  principals: IdentityItemList;
  /** sessionIssuer values: the role behind a session or a key. */
  roles: IdentityItemList;
  eventNames: IdentityItemList;
  /** Refused calls (errorCode in DENIED_ERROR_CODES); items count, date and mark the denied calls only. */
  denied: { count: number; eventNames: IdentityItemList };
  /** Calls with readOnly = false; items count, date and mark the mutating calls only. */
  mutating: { count: number; eventNames: IdentityItemList };
};

type Dim = "total" | "day" | "key" | "ip" | "ua" | "region" | "service" | "principal" | "role" | "eventName" | "country" | "asn" | "tool";

type Row = {
  dim: Dim;
  value: string | null;
  n: number;
  first: Date | null;
  last: Date | null;
  undated: number;
  distinct: number;
  deniedN: number;
  deniedFirst: Date | null;
  deniedLast: Date | null;
  deniedDistinct: number;
  mutatingN: number;
  mutatingFirst: Date | null;
  mutatingLast: Date | null;
  mutatingDistinct: number;
};

/**
 * One statement: the identity's rows are read once, through its index events(case_id, <column>,
 * event_time DESC), and grouped by every dimension at once with GROUPING SETS (one hash table per
 * set, a single pass). The ranking then runs over the few grouped rows. `column` comes from
 * IDENTITY_KINDS, never from input; every value is a parameter.
 */
function profileSql(column: string): string {
  return `
WITH ident AS (
  SELECT event_time, access_key_id, source_ip_address, user_agent, aws_region, event_source,
         principal_arn, session_issuer_arn, event_name, source_country, tool,
         CASE WHEN source_asn IS NOT NULL THEN 'AS' || source_asn || COALESCE(' ' || source_as_org, '') END AS asn,
         (event_time AT TIME ZONE 'UTC')::date AS day,
         COALESCE(error_code = ANY($3::text[]), false) AS denied,
         read_only IS FALSE AS mutating
    FROM events
   WHERE case_id = $1 AND ${column} = $2
), grouped AS (
  SELECT CASE
           WHEN GROUPING(day) = 0 THEN 'day'
           WHEN GROUPING(access_key_id) = 0 THEN 'key'
           WHEN GROUPING(source_ip_address) = 0 THEN 'ip'
           WHEN GROUPING(user_agent) = 0 THEN 'ua'
           WHEN GROUPING(aws_region) = 0 THEN 'region'
           WHEN GROUPING(event_source) = 0 THEN 'service'
           WHEN GROUPING(principal_arn) = 0 THEN 'principal'
           WHEN GROUPING(session_issuer_arn) = 0 THEN 'role'
           WHEN GROUPING(event_name) = 0 THEN 'eventName'
           WHEN GROUPING(source_country) = 0 THEN 'country'
           WHEN GROUPING(asn) = 0 THEN 'asn'
           WHEN GROUPING(tool) = 0 THEN 'tool'
           ELSE 'total'
         END AS dim,
         -- In each grouping set every other column is NULL, so this is the set's own value.
         COALESCE(to_char(day, 'YYYY-MM-DD'), access_key_id, source_ip_address, user_agent, aws_region, event_source,
                  principal_arn, session_issuer_arn, event_name, source_country, asn, tool) AS value,
         count(*) AS n, min(event_time) AS first, max(event_time) AS last,
         count(*) FILTER (WHERE event_time IS NULL) AS undated,
         count(*) FILTER (WHERE denied) AS denied_n,
         min(event_time) FILTER (WHERE denied) AS denied_first,
         max(event_time) FILTER (WHERE denied) AS denied_last,
         count(*) FILTER (WHERE mutating) AS mutating_n,
         min(event_time) FILTER (WHERE mutating) AS mutating_first,
         max(event_time) FILTER (WHERE mutating) AS mutating_last
    FROM ident
   GROUP BY GROUPING SETS ((day), (access_key_id), (source_ip_address), (user_agent), (aws_region),
                           (event_source), (principal_arn), (session_issuer_arn), (event_name),
                           (source_country), (asn), (tool), ())
), ranked AS (
  SELECT grouped.*,
         count(*) OVER w AS distinct_n,
         count(*) FILTER (WHERE denied_n > 0) OVER w AS denied_distinct,
         count(*) FILTER (WHERE mutating_n > 0) OVER w AS mutating_distinct,
         row_number() OVER (w ORDER BY n DESC, value COLLATE "C") AS rank_n,
         row_number() OVER (w ORDER BY denied_n DESC, value COLLATE "C") AS rank_denied,
         row_number() OVER (w ORDER BY mutating_n DESC, value COLLATE "C") AS rank_mutating,
         row_number() OVER (w ORDER BY value COLLATE "C" DESC) AS rank_day
    FROM grouped
   WHERE value IS NOT NULL OR dim = 'total'
  WINDOW w AS (PARTITION BY dim)
)
SELECT dim, value, n::float8 AS n, first, last, undated::float8 AS undated, distinct_n::float8 AS "distinct",
       denied_n::float8 AS "deniedN", denied_first AS "deniedFirst", denied_last AS "deniedLast",
       denied_distinct::float8 AS "deniedDistinct",
       mutating_n::float8 AS "mutatingN", mutating_first AS "mutatingFirst", mutating_last AS "mutatingLast",
       mutating_distinct::float8 AS "mutatingDistinct"
  FROM ranked
 WHERE dim = 'total'
    OR (dim = 'day' AND rank_day <= $4)
    OR (dim <> 'day' AND rank_n <= $5)
    OR (dim = 'eventName' AND ((denied_n > 0 AND rank_denied <= $5) OR (mutating_n > 0 AND rank_mutating <= $5)))
 ORDER BY dim, value COLLATE "C"`;
}

/**
 * Runs the profile statement with enough work_mem for its ten hash tables to stay in memory: at the
 * default 4 MB the planner sorts (and spills) a 300k-event identity instead, ~1.0 s against ~0.7 s on
 * the 2-core reference machine (ARCHITECTURE.md decision log). SET LOCAL ends with the transaction.
 */
async function queryProfileRows(column: string, params: unknown[]): Promise<Row[]> {
  const client = await getPool().connect();
  let failed: Error | undefined;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL work_mem = '64MB'");
    const { rows } = await client.query<Row>(profileSql(column), params);
    await client.query("COMMIT");
    return rows;
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    // A connection that failed mid-transaction is discarded, never handed back in an aborted state.
    client.release(failed);
  }
}

/**
 * The profile of one principal, role or access key within the case: when it was active, what it used
 * (keys, IPs, user agents, regions, services), who used it (sessions, principals), what it was refused
 * and what it changed, with everything first seen inside the case's incident window marked.
 * An identity without events in this case does not exist for it: NOT_FOUND, exactly as for another
 * case's identity (the same ARN in two cases never mixes: every row is read under scope.caseId).
 */
export async function getIdentityProfile(scope: CaseScope, ref: IdentityRef): Promise<IdentityProfile> {
  if (!isIdentityKind(ref.kind) || typeof ref.value !== "string" || ref.value === "") throw new AppError("NOT_FOUND");
  const [rows, found] = await Promise.all([
    queryProfileRows(IDENTITY_KINDS[ref.kind].column, [scope.caseId, ref.value, [...DENIED_ERROR_CODES], PROFILE_DAY_LIMIT, PROFILE_LIST_LIMIT]),
    db.case.findUnique({ where: { id: scope.caseId }, select: { windowStart: true, windowEnd: true } }),
  ]);
  const total = rows.find((r) => r.dim === "total");
  if (!total || total.n === 0 || !found) throw new AppError("NOT_FOUND");
  const window: IncidentWindow = { start: found.windowStart, end: found.windowEnd };

  const item = (value: string, count: number, firstSeen: Date | null, lastSeen: Date | null): IdentityItem => ({
    value,
    count,
    firstSeen,
    lastSeen,
    isNew: isInIncidentWindow(window, firstSeen),
  });
  // Rows arrive in value order (COLLATE "C"); a stable sort by count keeps that order among ties,
  // which is the order the SQL ranking cut by.
  const top = (of: Row[], count: (r: Row) => number, first: (r: Row) => Date | null, last: (r: Row) => Date | null) =>
    of
      .filter((r) => count(r) > 0)
      .sort((a, b) => count(b) - count(a))
      .slice(0, PROFILE_LIST_LIMIT)
      .map((r) => item(r.value ?? "", count(r), first(r), last(r)));
  const list = (dim: Dim): IdentityItemList => {
    const of = rows.filter((r) => r.dim === dim);
    return { items: top(of, (r) => r.n, (r) => r.first, (r) => r.last), distinct: of[0]?.distinct ?? 0 };
  };
  const names = rows.filter((r) => r.dim === "eventName");
  const days = rows.filter((r) => r.dim === "day");
  return {
    kind: ref.kind,
    value: ref.value,
    window: window.start || window.end ? window : null,
    firstSeen: total.first,
    lastSeen: total.last,
    isNew: isInIncidentWindow(window, total.first),
    total: total.n,
    undated: total.undated,
    byDay: days.map((r) => ({ day: r.value ?? "", count: r.n })),
    dayCount: days[0]?.distinct ?? 0,
    keys: list("key"),
    sourceIps: list("ip"),
    userAgents: list("ua"),
    countries: list("country"),
    asns: list("asn"),
    tools: list("tool"),
    regions: list("region"),
    services: list("service"),
    principals: list("principal"),
    roles: list("role"),
    eventNames: list("eventName"),
    denied: {
      count: total.deniedN,
      eventNames: { items: top(names, (r) => r.deniedN, (r) => r.deniedFirst, (r) => r.deniedLast), distinct: names[0]?.deniedDistinct ?? 0 },
    },
    mutating: {
      count: total.mutatingN,
      eventNames: { items: top(names, (r) => r.mutatingN, (r) => r.mutatingFirst, (r) => r.mutatingLast), distinct: names[0]?.mutatingDistinct ?? 0 },
    },
  };
}

