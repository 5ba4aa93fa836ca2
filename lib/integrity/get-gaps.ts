import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { afterTerm, beforeTerm, eventsHref, valueTerm } from "@/lib/charts/chart-terms";
import { cachedCaseResult } from "@/lib/cache/case-result-cache";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { describeTrailChange } from "@/lib/integrity/describe-trail-change";
import type { GapRule, IntegrityGaps, LoggingWindow, SilenceGap, TrailCallRef, TrailChange } from "@/lib/integrity/integrity-gaps-types";
import { loggingWindows, trailNameOf } from "@/lib/integrity/logging-windows";
import { readTrailEvents, type TrailEvent } from "@/lib/integrity/read-trail-events";
import { streamTerms } from "@/lib/integrity/stream-terms";

export const GAP_MIN_SILENT_HOURS = 2;
export const GAP_MIN_ACTIVE_HOURS = 24;
export const GAPS_LIMIT = 200;
export const TRAIL_CHANGES_LIMIT = 500;
const HOUR_MS = 3_600_000;

export const GAP_RULE: GapRule = {
  minSilentHours: GAP_MIN_SILENT_HOURS,
  minActiveHours: GAP_MIN_ACTIVE_HOURS,
  text:
    `A silent stretch of an account × region is a gap when it lasts at least ${GAP_MIN_SILENT_HOURS} whole UTC hours, the account × region ` +
    `has events in at least ${GAP_MIN_ACTIVE_HOURS} hours, and A × (1 − A/S)^L < 1, where L is the silent hours, A the hours with events ` +
    "and S the hours from its first to its last hour with events: were its active hours scattered at random over that range, fewer than " +
    "one silence that long would be expected. A stream with events nearly every hour (CloudTrail's own bucket checks, service calls) " +
    "is flagged after two silent hours; a quiet account busy a few hours a day only for silences far longer than its nights and " +
    "weekends. A stream that stops before the case's last hour with events is judged the same way (kind \"ended\").",
};

type SilenceRow = {
  account: string;
  region: string;
  kind: "inside" | "ended";
  start: Date;
  end: Date;
  hours: number;
  active: number;
  span: number;
  otherEvents: number;
  total: number;
};

/**
 * Where the case's evidence may be incomplete (issue #7): (a) silent stretches of a recipient account ×
 * region judged unusual for it (GAP_RULE), (b) windows when a trail was not logging (successful
 * StopLogging / DeleteTrail until the next successful StartLogging), (c) every call that changed a
 * trail, successful or not, with what it changed. Each comes with events-page links. Requires
 * "events:read".
 *
 * Cost: (a) reads the hour rollup (case_hour_counts), never the events; (b) and (c) read the case's
 * events once for the few CloudTrail calls (readTrailEvents).
 */
export async function getGaps(scope: CaseScope): Promise<IntegrityGaps> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  // A function of the events and rollups alone: once per case stamp (lib/cache/case-result-cache.ts).
  return cachedCaseResult(scope, "gaps", null, () => computeGaps(scope));
}

async function computeGaps(scope: CaseScope): Promise<IntegrityGaps> {
  const pool = getPool();
  const caseId = scope.caseId;
  const [caseRow, silences, trail] = await Promise.all([
    pool.query<{ eventCount: number; rollupsEventCount: number | null }>(
      `SELECT event_count AS "eventCount", rollups_event_count AS "rollupsEventCount" FROM cases WHERE id = $1`,
      [caseId],
    ),
    pool.query<SilenceRow>(
      `WITH hc AS (
         SELECT account_id, region, hour FROM case_hour_counts WHERE case_id = $1 AND hour IS NOT NULL GROUP BY 1, 2, 3
       ), streams AS (
         SELECT account_id, region, count(*)::int AS active, min(hour) AS first_hour, max(hour) AS last_hour FROM hc GROUP BY 1, 2
       ), silent AS (
         SELECT account_id, region, 'inside' AS kind, prev + interval '1 hour' AS gap_start, hour AS gap_end
           FROM (SELECT account_id, region, hour, lag(hour) OVER (PARTITION BY account_id, region ORDER BY hour) AS prev FROM hc) s
          WHERE prev IS NOT NULL AND hour - prev > interval '1 hour'
         UNION ALL
         SELECT st.account_id, st.region, 'ended', st.last_hour + interval '1 hour', c.last_hour + interval '1 hour'
           FROM streams st CROSS JOIN (SELECT max(hour) AS last_hour FROM hc) c
          WHERE st.last_hour < c.last_hour
       ), judged AS (
         SELECT si.account_id, si.region, si.kind, si.gap_start, si.gap_end,
                round(extract(epoch FROM si.gap_end - si.gap_start) / 3600)::int AS hours, st.active,
                round(extract(epoch FROM st.last_hour - st.first_hour) / 3600)::int + 1 AS span
           FROM silent si JOIN streams st ON st.account_id = si.account_id AND st.region = si.region
       ), gaps AS (
         SELECT *, count(*) OVER ()::int AS total FROM judged
          WHERE hours >= $2 AND active >= $3
            AND CASE WHEN active >= span THEN true ELSE hours * -ln(1 - active::float8 / span) > ln(active::float8) END
          ORDER BY gap_start, account_id COLLATE "C", region COLLATE "C"
          LIMIT $4
       )
       SELECT g.account_id AS account, g.region, g.kind, g.gap_start AS start, g.gap_end AS "end", g.hours, g.active, g.span, g.total,
              o.n AS "otherEvents"
         FROM gaps g
         CROSS JOIN LATERAL (SELECT coalesce(sum(c.denied + c.mutating + c.read_only + c.unrecorded), 0)::int AS n FROM case_hour_counts c
                              WHERE c.case_id = $1 AND c.hour >= g.gap_start AND c.hour < g.gap_end) o
        ORDER BY g.gap_start, g.account_id COLLATE "C", g.region COLLATE "C"`,
      [caseId, GAP_MIN_SILENT_HOURS, GAP_MIN_ACTIVE_HOURS, GAPS_LIMIT],
    ),
    readTrailEvents(scope),
  ]);
  const found = caseRow.rows[0];
  if (!found) throw new AppError("NOT_FOUND");

  const iso = (t: number) => new Date(t).toISOString();
  const items: SilenceGap[] = silences.rows.map((g) => {
    const start = g.start.getTime();
    const end = g.end.getTime();
    // The stream's hour before the silence, and for "inside" its hour after it.
    const edgeEnd = g.kind === "inside" ? end + HOUR_MS : start;
    return {
      account: g.account,
      region: g.region,
      kind: g.kind,
      start: iso(start),
      end: iso(end),
      hours: g.hours,
      streamActiveHours: g.active,
      streamSpanHours: g.span,
      otherEvents: g.otherEvents,
      href: eventsHref(caseId, [...streamTerms(g.account, g.region), afterTerm(iso(start - HOUR_MS)), beforeTerm(iso(edgeEnd))]),
      othersHref: eventsHref(caseId, [afterTerm(iso(start)), beforeTerm(iso(end))]),
    };
  });

  const ref = (e: TrailEvent): TrailCallRef => ({
    eventId: e.eventId,
    eventName: e.eventName,
    eventTime: e.eventTime?.toISOString() ?? null,
    actor: e.actor,
    sourceIp: e.sourceIp,
    href: eventsHref(caseId, [valueTerm("eventID", e.eventId)]),
  });
  const windows: LoggingWindow[] = loggingWindows(trail.events).map((w) => {
    const start = w.opened.eventTime!.toISOString();
    const end = w.closed?.eventTime?.toISOString() ?? null;
    return {
      trail: w.trail,
      trailKey: w.trailKey,
      account: w.opened.recipientAccountId,
      region: w.opened.awsRegion,
      start,
      end,
      openedBy: ref(w.opened),
      closedBy: w.closed ? ref(w.closed) : null,
      deleted: w.deleted,
      href: eventsHref(caseId, end === null ? [afterTerm(start)] : [afterTerm(start), beforeTerm(end)]),
    };
  });
  const changes: TrailChange[] = trail.events.slice(0, TRAIL_CHANGES_LIMIT).map((e) => ({
    ...ref(e),
    trail: trailNameOf(e.requestParameters),
    account: e.recipientAccountId,
    region: e.awsRegion,
    succeeded: e.succeeded,
    errorCode: e.errorCode,
    changes: describeTrailChange(e.eventName, e.requestParameters),
  }));

  return {
    pendingEvents: Math.max(0, found.eventCount - (found.rollupsEventCount ?? 0)),
    rule: GAP_RULE,
    silences: { items, total: silences.rows[0]?.total ?? 0 },
    loggingWindows: windows,
    trailChanges: { items: changes, total: trail.total },
  };
}
