// Identity baselines and deviations (issue #10, "When" and "Baselines and deviations").
//
// Definitions:
// - Identity: coalesce(session_issuer_arn, principal_arn). A role's sessions share one baseline; users,
//   root and federated users are their own ARN. Events with neither are ignored.
// - Baseline end: an explicit `baselineEnd` if given, else the case's chosen baseline_end, else its window_start. The baseline is the
//   identity's events before it (undated events excluded). Without a window the baseline is the whole
//   evidence; then no value is "new" and only hour deviations exist (the UI must say so).
// - Baseline of an identity: the sets of source countries, ASNs, source IPs, tool families, regions and
//   services (eventSource) seen in it (NULLs are not values), and its usual hours: the hours of day
//   holding ≥ 5% of its dated baseline events, plus each such hour's two neighbours (so 09:00–17:00
//   work covers 08:xx and 18:xx), computed in UTC and in the case's time zone (cases.time_zone, the
//   business zone; UTC if it is not a zone PostgreSQL and Intl both know). An identity needs ≥ 20
//   dated baseline events for usual hours; with fewer it gets no hour deviations.
// - Deviations, only for identities with ≥ 1 baseline event (an identity first seen after the baseline
//   end has no baseline and no deviations; identity pages already mark it new), on events at or after
//   the baseline end:
//   - country, asn, ip, tool, region, service: the FIRST event (eventTime, then eventID by code unit) of each
//     (identity, dimension, value) whose value is not in the baseline set: "first call from this ASN";
//   - hour: EVERY event whose hour in the case's time zone is not a usual local hour (without a
//     window: every event of the whole evidence, judged against the baseline it belongs to);
//   - console-to-cli: a `tool` deviation whose tool is programmatic (CLI/SDK, IaC, offensive; see
//     deviation-kinds.ts) by an identity whose baseline tools are non-empty and all in
//     {console, browser, aws-internal}.
//
// The whole case is recomputed in one transaction (an advisory lock serialises concurrent runs), with
// set-based statements over the case's events (two scans of `events`, temp tables for the sets), never
// one query per identity: ≤ 10 s for 1M events on the 2-core reference machine (npm run bench:baselines).
import type { PoolClient } from "pg";
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { CONSOLE_TOOLS, DEVIATION_KIND_IDS, PROGRAMMATIC_TOOLS, type DeviationKind } from "@/lib/baselines/deviation-kinds";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** An hour is usual when it holds at least this share of the identity's dated baseline events. */
export const USUAL_HOUR_SHARE = 0.05;
/** Dated baseline events an identity needs before its hours are judged. */
export const MIN_EVENTS_FOR_HOURS = 20;

export type BaselineOptions = {
  /** Overrides the case's window start as the baseline end (e.g. a detection rule's own choice). */
  baselineEnd?: Date | null;
  /** Told each statement's duration (the benchmark prints them). */
  onStep?: (statement: string, ms: number) => void;
};

export type BaselineCounts = {
  /** The end used: null when the baseline is the whole evidence. */
  baselineEnd: Date | null;
  timeZone: string;
  /** Identities with at least one baseline event (one identity_baselines row each). */
  identities: number;
  /** Events with at least one deviation (one event_deviations row each). */
  events: number;
  /** Events per deviation kind. */
  byKind: Record<DeviationKind, number>;
};

/** Recomputes the case's identity baselines and event deviations. Investigator or lead ("evidence:write"). */
export async function computeBaselines(scope: CaseScope, options: BaselineOptions = {}): Promise<BaselineCounts> {
  if (!can(scope.role, "evidence:write")) throw new AppError("NOT_FOUND");
  return unsafeComputeCaseBaselines(scope.caseId, options);
}

/**
 * computeBaselines without a scope, for the ingest worker, which has the case id of the run it is
 * processing and no user (it trusts the run row it read). Never call it with an id from a request.
 */
export async function unsafeComputeCaseBaselines(caseId: string, options: BaselineOptions = {}): Promise<BaselineCounts> {
  const client = await getPool().connect();
  let failed: Error | undefined;
  try {
    await client.query("BEGIN");
    // Recomputations of one case (an ingest ending while the lead moves the window) queue up here.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('baselines:' || $1::text, 0))", [caseId]);
    await client.query("SET LOCAL work_mem = '64MB'");
    const found = await client.query<{ windowStart: Date | null; baselineEnd: Date | null; timeZone: string }>(
      `SELECT window_start AS "windowStart", baseline_end AS "baselineEnd", time_zone AS "timeZone" FROM cases WHERE id = $1`,
      [caseId],
    );
    const c = found.rows[0];
    if (!c) throw new AppError("NOT_FOUND");
    // The lead's chosen baseline end, else the incident window's start, else none (the whole evidence).
    const baselineEnd = options.baselineEnd !== undefined ? options.baselineEnd : (c.baselineEnd ?? c.windowStart);
    const timeZone = await usableTimeZone(client, c.timeZone);
    await recompute(client, caseId, baselineEnd, timeZone, options.onStep);
    const counts = await client.query<{ kind: string; n: number }>(
      `SELECT 'identities' AS kind, count(*)::int AS n FROM identity_baselines WHERE case_id = $1
       UNION ALL SELECT 'events', count(*)::int FROM event_deviations WHERE case_id = $1
       UNION ALL SELECT k, count(*)::int FROM event_deviations, unnest(kinds) AS k WHERE case_id = $1 GROUP BY k`,
      [caseId],
    );
    await client.query("COMMIT");
    const n = (kind: string) => counts.rows.find((r) => r.kind === kind)?.n ?? 0;
    const byKind = Object.fromEntries(DEVIATION_KIND_IDS.map((k) => [k, n(k)])) as Record<DeviationKind, number>;
    return { baselineEnd, timeZone, identities: n("identities"), events: n("events"), byKind };
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    // A connection that failed mid-transaction is discarded, never handed back in an aborted state.
    client.release(failed);
  }
}

/** The case's zone if both PostgreSQL and Intl know it (a zone only one side knows would skew hours), else UTC. */
async function usableTimeZone(client: PoolClient, zone: string): Promise<string> {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    return "UTC";
  }
  const { rows } = await client.query<{ ok: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok", [zone]);
  return rows[0]?.ok ? zone : "UTC";
}

const IDENTITY = "coalesce(e.session_issuer_arn, e.principal_arn)";

/** The six baseline sets as (dim, value) rows of one event `e`; the names are the deviation kinds. */
const SET_VALUES = `(VALUES ('country', e.source_country), ('asn', e.source_asn::text), ('ip', e.source_ip_address),
                            ('tool', e.tool), ('region', e.aws_region), ('service', e.event_source))`;

/**
 * The statements, in order, on one transaction. Parameters: $1 case id, and per statement as listed.
 * bl_values holds every (identity, dim, value) of the baseline with its count, dims being the six sets,
 * hourUtc/hourLocal and `total`; it is built from the baseline grouped by all dimensions at once (a few
 * thousand distinct combinations for hundreds of thousands of events), then unpivoted.
 */
async function recompute(
  client: PoolClient,
  caseId: string,
  end: Date | null,
  zone: string,
  onStep: BaselineOptions["onStep"],
): Promise<void> {
  const query = async (sql: string, params?: unknown[]) => {
    const t0 = performance.now();
    await client.query(sql, params);
    onStep?.(sql.replace(/\s+/g, " ").trim().slice(0, 48), performance.now() - t0);
  };
  await query("DELETE FROM event_deviations WHERE case_id = $1", [caseId]);
  await query("DELETE FROM identity_baselines WHERE case_id = $1", [caseId]);

  // $2 baseline end (NULL: every event), $3 time zone.
  await query(
    `CREATE TEMP TABLE bl_values ON COMMIT DROP AS
     WITH combos AS (
       SELECT ${IDENTITY} AS identity, e.source_country, e.source_asn, e.source_ip_address, e.tool, e.aws_region, e.event_source,
              extract(hour FROM e.event_time AT TIME ZONE 'UTC')::int AS hour_utc,
              extract(hour FROM e.event_time AT TIME ZONE $3::text)::int AS hour_local,
              count(*)::int AS n
         FROM events e
        WHERE e.case_id = $1 AND ${IDENTITY} IS NOT NULL AND ($2::timestamptz IS NULL OR e.event_time < $2::timestamptz)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     )
     SELECT e.identity, v.dim, v.value, sum(e.n)::int AS n
       FROM combos e
      CROSS JOIN LATERAL (VALUES ('country', e.source_country), ('asn', e.source_asn::text), ('ip', e.source_ip_address),
                                 ('tool', e.tool), ('region', e.aws_region), ('service', e.event_source),
                                 ('hourUtc', e.hour_utc::text), ('hourLocal', e.hour_local::text), ('total', '')) AS v(dim, value)
      WHERE v.value IS NOT NULL
      GROUP BY e.identity, v.dim, v.value`,
    [caseId, end, zone],
  );
  await query("ANALYZE bl_values");

  // Per identity: counts, usual hours (NULL below the minimum) and baseline tools. $1 share, $2 minimum.
  await query(
    `CREATE TEMP TABLE bl_ident ON COMMIT DROP AS
     WITH dated AS (
       SELECT identity, sum(n)::int AS dated FROM bl_values WHERE dim = 'hourUtc' GROUP BY identity
     ), usual AS (
       SELECT DISTINCT b.identity, b.dim, (b.value::int + s.d + 24) % 24 AS h
         FROM bl_values b JOIN dated USING (identity) CROSS JOIN (VALUES (-1), (0), (1)) AS s(d)
        WHERE b.dim IN ('hourUtc', 'hourLocal') AND dated.dated >= $2::int AND b.n >= dated.dated * $1::float8
     ), hours AS (
       SELECT identity,
              array_agg(h ORDER BY h) FILTER (WHERE dim = 'hourUtc') AS hours_utc,
              array_agg(h ORDER BY h) FILTER (WHERE dim = 'hourLocal') AS hours_local
         FROM usual GROUP BY identity
     ), tools AS (
       SELECT identity, array_agg(value ORDER BY value COLLATE "C") AS tools FROM bl_values WHERE dim = 'tool' GROUP BY identity
     )
     SELECT t.identity, t.n AS total, coalesce(dated.dated, 0) AS dated, hours.hours_utc, hours.hours_local,
            coalesce(tools.tools, '{}') AS tools
       FROM bl_values t
       LEFT JOIN dated USING (identity) LEFT JOIN hours USING (identity) LEFT JOIN tools USING (identity)
      WHERE t.dim = 'total'`,
    [USUAL_HOUR_SHARE, MIN_EVENTS_FOR_HOURS],
  );
  await query("ANALYZE bl_ident");

  // $2 baseline end (ISO text, as Date#toISOString writes it), $3 time zone.
  await query(
    `INSERT INTO identity_baselines (case_id, identity, baseline, baseline_events)
     SELECT $1, i.identity,
            jsonb_build_object(
              'baselineEnd', to_jsonb($2::text),
              'timeZone', $3::text,
              'sets', coalesce(s.sets, '{}'::jsonb),
              'hours', CASE WHEN i.hours_utc IS NULL THEN 'null'::jsonb
                            ELSE jsonb_build_object('utc', to_jsonb(i.hours_utc), 'local', to_jsonb(i.hours_local)) END,
              'datedEvents', i.dated),
            i.total
       FROM bl_ident i
       LEFT JOIN (SELECT identity, jsonb_object_agg(dim, vals) AS sets
                    FROM (SELECT identity, dim, jsonb_agg(value ORDER BY value COLLATE "C") AS vals
                            FROM bl_values WHERE dim IN ('country', 'asn', 'ip', 'tool', 'region', 'service')
                           GROUP BY identity, dim) AS per_dim
                   GROUP BY identity) AS s USING (identity)`,
    [caseId, end?.toISOString() ?? null, zone],
  );

  // The new-value deviations (a few per identity at most) and console-to-cli, one row per kind.
  await query(
    `CREATE TEMP TABLE dev (event_id text NOT NULL, identity text NOT NULL, event_time timestamptz NOT NULL, kind text NOT NULL,
                           value text, detail jsonb NOT NULL) ON COMMIT DROP`,
  );
  if (end) {
    // New values: the first event of each (identity, dim, value) absent from the baseline. $2 baseline end.
    await query(
      `INSERT INTO dev (event_id, identity, event_time, kind, value, detail)
       SELECT DISTINCT ON (i.identity, v.dim, v.value) e.event_id, i.identity, e.event_time, v.dim, v.value,
              jsonb_build_object('value', v.value)
         FROM events e
         JOIN bl_ident i ON i.identity = ${IDENTITY}
        CROSS JOIN LATERAL ${SET_VALUES} AS v(dim, value)
        WHERE e.case_id = $1 AND e.event_time >= $2::timestamptz AND v.value IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM bl_values b WHERE b.identity = i.identity AND b.dim = v.dim AND b.value = v.value)
        ORDER BY i.identity, v.dim, v.value, e.event_time, e.event_id COLLATE "C"`,
      [caseId, end],
    );
  }
  // A console-only identity's first programmatic tool. $1 programmatic tools, $2 console tools.
  await query(
    `INSERT INTO dev (event_id, identity, event_time, kind, value, detail)
     SELECT d.event_id, d.identity, d.event_time, 'console-to-cli', d.value,
            jsonb_build_object('value', d.value, 'baseline', to_jsonb(i.tools))
       FROM dev d JOIN bl_ident i USING (identity)
      WHERE d.kind = 'tool' AND d.value = ANY($1::text[]) AND cardinality(i.tools) > 0 AND i.tools <@ $2::text[]`,
    [PROGRAMMATIC_TOOLS, CONSOLE_TOOLS],
  );
  // One row per event: the few new-value rows of `dev`, fully joined with the events outside usual
  // hours, which can be a third of the case and so never go through a temp table or a GROUP BY.
  // Kinds in display order: the set kinds, then hour, then console-to-cli.
  // $2 baseline end (NULL: every dated event), $3 time zone, $4 the kinds in display order.
  await query(
    `INSERT INTO event_deviations (case_id, event_id, identity, event_time, kinds, details)
     WITH sets AS (
       SELECT event_id, min(identity) AS identity, min(event_time) AS event_time,
              array_agg(kind ORDER BY array_position($4::text[], kind)) AS kinds, jsonb_object_agg(kind, detail) AS details
         FROM dev GROUP BY event_id
     ), hours AS (
       SELECT e.event_id, i.identity, e.event_time, h.local, h.utc
         FROM events e
         JOIN bl_ident i ON i.identity = ${IDENTITY} AND i.hours_local IS NOT NULL
        CROSS JOIN LATERAL (SELECT extract(hour FROM e.event_time AT TIME ZONE $3::text)::int AS local,
                                   extract(hour FROM e.event_time AT TIME ZONE 'UTC')::int AS utc) AS h
        WHERE e.case_id = $1 AND e.event_time IS NOT NULL AND ($2::timestamptz IS NULL OR e.event_time >= $2::timestamptz)
          AND NOT (h.local = ANY(i.hours_local))
     )
     SELECT $1, coalesce(h.event_id, s.event_id), coalesce(h.identity, s.identity), coalesce(h.event_time, s.event_time),
            CASE WHEN h.event_id IS NULL THEN s.kinds
                 ELSE array_remove(coalesce(s.kinds, '{}'), 'console-to-cli') || '{hour}'::text[]
                      || CASE WHEN 'console-to-cli' = ANY(s.kinds) THEN '{console-to-cli}'::text[] ELSE '{}'::text[] END END,
            CASE WHEN h.event_id IS NULL THEN s.details
                 ELSE coalesce(s.details, '{}'::jsonb)
                      || jsonb_build_object('hour', jsonb_build_object('hourLocal', h.local, 'hourUtc', h.utc, 'timeZone', $3::text)) END
       FROM hours h FULL JOIN sets s ON s.event_id = h.event_id`,
    [caseId, end, zone, DEVIATION_KIND_IDS],
  );
}
