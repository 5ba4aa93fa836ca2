import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { afterTerm, beforeTerm, eventsHref } from "@/lib/charts/chart-terms";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { DeliveryLedger, DeliveryLedgerOptions, LedgerHour, LedgerHourCursor, LedgerHourOptions, LedgerStream } from "@/lib/integrity/delivery-ledger-types";
import { streamTerms } from "@/lib/integrity/stream-terms";

export const LEDGER_HOURS_DEFAULT_LIMIT = 100;
export const LEDGER_HOURS_MAX_LIMIT = 1_000;
const MAX_VALUE_CHARS = 1_024;
const HOUR_MS = 3_600_000;

/**
 * The case's delivery ledger: per recipient account × region, its events, active hours and exact
 * first/last eventTime; on request, the account × region × UTC hour rows with the evidence files and
 * delivery sources behind them. Requires "events:read".
 *
 * Cost: the streams come from the hour rollup (case_hour_counts, rebuilt after every ingest), with two
 * index range reads of one hour each per stream for the exact first and last eventTime. Hourly rows take
 * their keys from the rollup (keyset paged) and their files and sources from the events of just those
 * hours, read through the (case_id, event_time) index. Only `streamFiles` reads every event of the case
 * (the rollup has no file dimension): about a second per million events.
 */
export async function getDeliveryLedger(scope: CaseScope, opts: DeliveryLedgerOptions = {}): Promise<DeliveryLedger> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const pool = getPool();
  const caseId = scope.caseId;
  const hourOpts = opts.hours ? checkHourOptions(opts.hours) : null;

  const [caseRow, streams, undated, files, runs, streamFiles, hours] = await Promise.all([
    pool.query<{ eventCount: number; rollupsEventCount: number | null }>(
      `SELECT event_count AS "eventCount", rollups_event_count AS "rollupsEventCount" FROM cases WHERE id = $1`,
      [caseId],
    ),
    pool.query<{ account: string; region: string; events: number; undated: number; activeHours: number; first: Date | null; last: Date | null }>(
      `WITH h AS (
         SELECT account_id, region, hour, sum(denied + mutating + read_only + unrecorded) AS n
           FROM case_hour_counts WHERE case_id = $1 GROUP BY 1, 2, 3
       ), s AS (
         SELECT account_id, region, coalesce(sum(n) FILTER (WHERE hour IS NOT NULL), 0)::int AS events,
                coalesce(sum(n) FILTER (WHERE hour IS NULL), 0)::int AS undated, count(hour)::int AS active_hours,
                min(hour) AS first_hour, max(hour) AS last_hour
           FROM h GROUP BY 1, 2
       )
       SELECT s.account_id AS account, s.region, s.events, s.undated, s.active_hours AS "activeHours", f.first, l.last
         FROM s
         LEFT JOIN LATERAL (SELECT min(e.event_time) AS first FROM events e
                             WHERE e.case_id = $1 AND e.event_time >= s.first_hour AND e.event_time < s.first_hour + interval '1 hour'
                               AND coalesce(e.recipient_account_id, '') = s.account_id AND coalesce(e.aws_region, '') = s.region) f ON true
         LEFT JOIN LATERAL (SELECT max(e.event_time) AS last FROM events e
                             WHERE e.case_id = $1 AND e.event_time >= s.last_hour AND e.event_time < s.last_hour + interval '1 hour'
                               AND coalesce(e.recipient_account_id, '') = s.account_id AND coalesce(e.aws_region, '') = s.region) l ON true
        ORDER BY s.events + s.undated DESC, s.account_id COLLATE "C", s.region COLLATE "C"`,
      [caseId],
    ),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE case_id = $1 AND event_time IS NULL`, [caseId]),
    pool.query<{ kind: string; count: number }>(`SELECT kind, count(*)::int AS count FROM evidence_files WHERE case_id = $1 GROUP BY kind ORDER BY kind`, [caseId]),
    pool.query<{ sourceKind: string; state: string; count: number }>(
      `SELECT source_kind AS "sourceKind", state::text AS state, count(*)::int AS count FROM ingest_runs WHERE case_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [caseId],
    ),
    opts.streamFiles
      ? pool.query<{ account: string; region: string; files: number; sources: string[] }>(
          `SELECT g.account, g.region, count(*)::int AS files,
                  coalesce(array_agg(DISTINCT r.source_kind ORDER BY r.source_kind) FILTER (WHERE r.source_kind IS NOT NULL), '{}') AS sources
             FROM (SELECT DISTINCT coalesce(recipient_account_id, '') AS account, coalesce(aws_region, '') AS region, evidence_file_id
                     FROM events WHERE case_id = $1) g
             LEFT JOIN evidence_files f ON f.id = g.evidence_file_id AND f.case_id = $1
             LEFT JOIN ingest_runs r ON r.id = f.ingest_run_id AND r.case_id = $1
            GROUP BY 1, 2`,
          [caseId],
        )
      : null,
    hourOpts ? ledgerHours(caseId, hourOpts) : null,
  ]);
  const found = caseRow.rows[0];
  if (!found) throw new AppError("NOT_FOUND");

  const fileCounts = new Map(streamFiles?.rows.map((r) => [streamKey(r.account, r.region), r]) ?? []);
  const streamRows: LedgerStream[] = streams.rows.map((s) => {
    const counted = fileCounts.get(streamKey(s.account, s.region));
    return {
      account: s.account,
      region: s.region,
      events: s.events,
      undated: s.undated,
      activeHours: s.activeHours,
      firstEventTime: s.first?.toISOString() ?? null,
      lastEventTime: s.last?.toISOString() ?? null,
      files: streamFiles ? (counted?.files ?? 0) : null,
      sources: streamFiles ? (counted?.sources ?? []) : null,
      href: eventsHref(caseId, streamTerms(s.account, s.region)),
    };
  });
  return {
    pendingEvents: Math.max(0, found.eventCount - (found.rollupsEventCount ?? 0)),
    totals: { events: found.eventCount, undated: undated.rows[0]?.n ?? 0, files: files.rows, runs: runs.rows },
    streams: streamRows,
    hours,
  };
}

type CheckedHourOptions = { account?: string; region?: string; from?: Date; to?: Date; after?: { hour: Date; account: string; region: string }; limit: number };

function checkHourOptions(o: LedgerHourOptions): CheckedHourOptions {
  const instant = (value: string | undefined, name: string): Date | undefined => {
    if (value === undefined) return undefined;
    const t = typeof value === "string" && value.length <= 40 ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(t)) throw new AppError("INVALID_INPUT", `${name}: not a date/time.`);
    return new Date(t);
  };
  const text = (value: string | undefined, name: string): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value.length > MAX_VALUE_CHARS) throw new AppError("INVALID_INPUT", `${name}: at most ${MAX_VALUE_CHARS} characters.`);
    return value;
  };
  const limit = o.limit ?? LEDGER_HOURS_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LEDGER_HOURS_MAX_LIMIT) throw new AppError("INVALID_INPUT", `limit: 1 to ${LEDGER_HOURS_MAX_LIMIT}.`);
  const checked: CheckedHourOptions = { limit, account: text(o.account, "account"), region: text(o.region, "region"), from: instant(o.from, "from"), to: instant(o.to, "to") };
  if (o.after) {
    checked.after = { hour: instant(o.after.hour, "after.hour")!, account: text(o.after.account, "after.account") ?? "", region: text(o.after.region, "after.region") ?? "" };
  }
  return checked;
}

/** One page of account × region × hour rows: keys from the rollup, files and sources from those hours' events. */
async function ledgerHours(caseId: string, o: CheckedHourOptions): Promise<{ rows: LedgerHour[]; next: LedgerHourCursor | null }> {
  const pool = getPool();
  const values: unknown[] = [caseId];
  const where = ["case_id = $1", "hour IS NOT NULL"];
  const param = (v: unknown) => `$${values.push(v)}`;
  if (o.account !== undefined) where.push(`account_id = ${param(o.account)}`);
  if (o.region !== undefined) where.push(`region = ${param(o.region)}`);
  if (o.from) where.push(`hour >= ${param(o.from)}`);
  if (o.to) where.push(`hour < ${param(o.to)}`);
  if (o.after) where.push(`(hour, account_id COLLATE "C", region COLLATE "C") > (${param(o.after.hour)}::timestamptz, ${param(o.after.account)}::text, ${param(o.after.region)}::text)`);
  const keys = await pool.query<{ hour: Date; account: string; region: string }>(
    `SELECT hour, account_id AS account, region FROM case_hour_counts WHERE ${where.join(" AND ")}
      GROUP BY 1, 2, 3 ORDER BY hour, account_id COLLATE "C", region COLLATE "C" LIMIT ${o.limit + 1}`,
    values,
  );
  const page = keys.rows.slice(0, o.limit);
  if (page.length === 0) return { rows: [], next: null };

  const hours = [...new Set(page.map((k) => k.hour.getTime()))].map((t) => new Date(t));
  const detailValues: unknown[] = [caseId, hours];
  const streamWhere: string[] = [];
  if (o.account !== undefined) streamWhere.push(`coalesce(e.recipient_account_id, '') = $${detailValues.push(o.account)}`);
  if (o.region !== undefined) streamWhere.push(`coalesce(e.aws_region, '') = $${detailValues.push(o.region)}`);
  const details = await pool.query<{ hour: Date; account: string; region: string; events: number; files: number; first: Date; last: Date; sources: string[]; runs: string[] }>(
    `SELECT h.hour, g.account, g.region, sum(g.n)::int AS events, count(*)::int AS files, min(g.first) AS first, max(g.last) AS last,
            coalesce(array_agg(DISTINCT r.source_kind ORDER BY r.source_kind) FILTER (WHERE r.source_kind IS NOT NULL), '{}') AS sources,
            coalesce(array_agg(DISTINCT r.id::text ORDER BY r.id::text) FILTER (WHERE r.id IS NOT NULL), '{}') AS runs
       FROM unnest($2::timestamptz[]) AS h(hour)
       CROSS JOIN LATERAL (
         SELECT coalesce(e.recipient_account_id, '') AS account, coalesce(e.aws_region, '') AS region, e.evidence_file_id,
                count(*) AS n, min(e.event_time) AS first, max(e.event_time) AS last
           FROM events e
          WHERE e.case_id = $1 AND e.event_time >= h.hour AND e.event_time < h.hour + interval '1 hour'
                ${streamWhere.map((w) => `AND ${w}`).join(" ")}
          GROUP BY 1, 2, 3) g
       LEFT JOIN evidence_files f ON f.id = g.evidence_file_id AND f.case_id = $1
       LEFT JOIN ingest_runs r ON r.id = f.ingest_run_id AND r.case_id = $1
      GROUP BY 1, 2, 3`,
    detailValues,
  );
  const byKey = new Map(details.rows.map((d) => [hourKey(d.hour, d.account, d.region), d]));
  const rows: LedgerHour[] = [];
  for (const k of page) {
    const d = byKey.get(hourKey(k.hour, k.account, k.region));
    // A key whose events are gone (the rollup is older than a deletion) has nothing to list.
    if (!d) continue;
    const start = k.hour.toISOString();
    rows.push({
      account: k.account,
      region: k.region,
      hour: start,
      events: d.events,
      files: d.files,
      firstEventTime: d.first.toISOString(),
      lastEventTime: d.last.toISOString(),
      sources: d.sources,
      ingestRunIds: d.runs,
      href: eventsHref(caseId, [...streamTerms(k.account, k.region), afterTerm(start), beforeTerm(new Date(k.hour.getTime() + HOUR_MS).toISOString())]),
    });
  }
  const last = page[page.length - 1]!;
  const next = keys.rows.length > o.limit ? { hour: last.hour.toISOString(), account: last.account, region: last.region } : null;
  return { rows, next };
}

function streamKey(account: string, region: string): string {
  return JSON.stringify([account, region]);
}

function hourKey(hour: Date, account: string, region: string): string {
  return JSON.stringify([hour.getTime(), account, region]);
}
