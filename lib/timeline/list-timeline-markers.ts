import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { equalsTerm } from "@/lib/events/pivot-links";
import { findingEventsHref } from "@/lib/findings/finding-events-href";
import { getGaps } from "@/lib/integrity/get-gaps";
import type { TimelineMarker } from "@/lib/timeline/timeline-types";

/**
 * The case's bookmarks as points in time: a bookmark sits at its earliest pinned event, else at the
 * event its view opens (`event=`); a bookmark with neither (a plain filter) has no place on the axis.
 * Successful StopLogging / StartLogging / DeleteTrail and trail changes sit at their call, and silences
 * unusual for their account × region at their start (at most 50 of each).
 * Findings sit at their first event and open their events: the confirmed ones, and new ones of high or
 * critical severity (a case can hold hundreds of low findings; they stay on the findings page).
 */
export async function listTimelineMarkers(scope: CaseScope): Promise<TimelineMarker[]> {
  const pool = getPool();
  const { rows } = await pool.query<{ id: string; title: string; view: string; pinned: string[] }>(
    `SELECT id, title, view, pinned_event_ids AS pinned FROM bookmarks WHERE case_id = $1 ORDER BY created_at`,
    [scope.caseId],
  );
  const { rows: findings } = await pool.query<{ id: string; title: string; principal: string; firstAt: Date }>(
    `SELECT id, title, principal, first_at AS "firstAt" FROM findings
      WHERE case_id = $1 AND first_at IS NOT NULL AND (status = 'confirmed' OR (status = 'new' AND severity IN ('critical', 'high')))`,
    [scope.caseId],
  );
  const findingMarkers: TimelineMarker[] = findings.map((f) => ({
    kind: "finding",
    id: f.id,
    title: f.principal ? `${f.title} (${f.principal})` : f.title,
    time: f.firstAt.toISOString(),
    href: findingEventsHref(scope.caseId, f.id),
  }));
  // Logging stopped or started and trail changes that took effect (the partial index events_trail_calls_idx).
  const { rows: trail } = await pool.query<{ id: string; name: string; t: Date; trail: string | null; actor: string | null }>(
    `SELECT event_id AS id, event_name AS name, event_time AS t, principal_arn AS actor,
            CASE WHEN pg_input_is_valid(search_text, 'jsonb')
                 THEN coalesce(search_text::jsonb #>> '{requestParameters,name}', search_text::jsonb #>> '{requestParameters,trailName}') END AS trail
       FROM events
      WHERE case_id = $1 AND event_source = 'cloudtrail.amazonaws.com' AND event_time IS NOT NULL AND error_code IS NULL
        AND event_name IN ('StopLogging', 'StartLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors')
      ORDER BY event_time LIMIT 50`,
    [scope.caseId],
  );
  findingMarkers.push(...(await silenceMarkers(scope)));
  findingMarkers.push(
    ...trail.map((e) => ({
      kind: "integrity" as const,
      id: e.id,
      title: `${e.name}${e.trail ? ` ${e.trail.slice(e.trail.lastIndexOf("/") + 1)}` : ""}`,
      time: e.t.toISOString(),
      href: `/cases/${encodeURIComponent(scope.caseId)}/events?${new URLSearchParams({ q: equalsTerm("eventID", e.id), event: e.id })}`,
    })),
  );
  if (rows.length === 0) return findingMarkers.sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
  const anchorOf = (view: string): string | null => {
    const query = view.indexOf("?");
    return query < 0 ? null : new URLSearchParams(view.slice(query + 1)).get("event");
  };
  const wanted = new Set<string>();
  for (const row of rows) {
    for (const id of row.pinned) wanted.add(id);
    const anchor = anchorOf(row.view);
    if (anchor) wanted.add(anchor);
  }
  const { rows: times } = await pool.query<{ id: string; t: Date }>(
    `SELECT event_id AS id, event_time AS t FROM events WHERE case_id = $1 AND event_id = ANY($2::text[]) AND event_time IS NOT NULL`,
    [scope.caseId, [...wanted]],
  );
  const timeOf = new Map(times.map((r) => [r.id, r.t.getTime()]));
  const markers: TimelineMarker[] = [];
  for (const row of rows) {
    const pinnedTimes = row.pinned.map((id) => timeOf.get(id)).filter((t): t is number => t !== undefined);
    const anchor = anchorOf(row.view);
    const time = pinnedTimes.length > 0 ? Math.min(...pinnedTimes) : anchor ? timeOf.get(anchor) : undefined;
    if (time === undefined) continue;
    markers.push({ kind: "bookmark", id: row.id, title: row.title, time: new Date(time).toISOString(), href: row.view });
  }
  return [...markers, ...findingMarkers].sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id));
}

/**
 * Silences judged unusual for their account × region (lib/integrity/get-gaps.ts) as markers. They are a
 * function of the hour rollup alone, so they are kept per case until its rollups are rebuilt
 * (cases.rollups_built_at): the whole-case timeline must not pay the gap analysis on every view.
 */
const SILENCE_CACHE = new Map<string, TimelineMarker[]>();
const SILENCE_CACHE_CASES = 200;

async function silenceMarkers(scope: CaseScope): Promise<TimelineMarker[]> {
  const { rows } = await getPool().query<{ builtAt: Date | null }>(`SELECT rollups_built_at AS "builtAt" FROM cases WHERE id = $1`, [scope.caseId]);
  const key = `${scope.caseId}:${rows[0]?.builtAt?.toISOString() ?? "none"}`;
  const cached = SILENCE_CACHE.get(key);
  if (cached) return cached;
  const gaps = await getGaps(scope);
  const markers = gaps.silences.items.slice(0, 50).map((g) => ({
    kind: "integrity" as const,
    id: `silence:${g.account}:${g.region}:${g.start}`,
    title: `No events from ${g.account || "?"}/${g.region || "?"} for ${g.hours} h${g.kind === "ended" ? " (and none after)" : ""}`,
    time: g.start,
    href: g.href,
  }));
  // Stale entries of the case go; the map stays bounded.
  for (const k of SILENCE_CACHE.keys()) if (k.startsWith(`${scope.caseId}:`)) SILENCE_CACHE.delete(k);
  if (SILENCE_CACHE.size >= SILENCE_CACHE_CASES) SILENCE_CACHE.delete(SILENCE_CACHE.keys().next().value!);
  SILENCE_CACHE.set(key, markers);
  return markers;
}
