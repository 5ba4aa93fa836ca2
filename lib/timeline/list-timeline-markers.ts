import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import type { TimelineMarker } from "@/lib/timeline/timeline-types";

/**
 * The case's bookmarks as points in time: a bookmark sits at its earliest pinned event, else at the
 * event its view opens (`event=`); a bookmark with neither (a plain filter) has no place on the axis.
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
    href: `/cases/${encodeURIComponent(scope.caseId)}/events?${new URLSearchParams({ q: `finding:${f.id}` })}`,
  }));
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
