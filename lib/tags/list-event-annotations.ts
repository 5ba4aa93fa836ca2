import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import type { MarkKind } from "@/lib/tags/tag-schemas";

export type EventAnnotations = { tags: string[]; marks: MarkKind[]; notes: number };

/** At most one page's worth of events per call (the events table shows up to 500). */
const MAX_IDS = 1000;

/**
 * The tags (by name), marks (star before evidence) and note count of each of `eventIds` in the case, in
 * one query, keyed by event id; events with none are left out. Ids of another case's events find nothing.
 */
export async function listEventAnnotations(scope: CaseScope, eventIds: string[]): Promise<Record<string, EventAnnotations>> {
  const ids = [...new Set(eventIds)].slice(0, MAX_IDS);
  if (ids.length === 0) return {};
  const { rows } = await getPool().query<{ eventId: string; tags: string[]; marks: MarkKind[]; notes: number }>(
    `SELECT u.id AS "eventId",
            ARRAY(SELECT t.tag FROM event_tags t WHERE t.case_id = $1 AND t.event_id = u.id ORDER BY t.tag COLLATE "C") AS tags,
            ARRAY(SELECT m.kind FROM event_marks m WHERE m.case_id = $1 AND m.event_id = u.id ORDER BY m.kind DESC) AS marks,
            (SELECT count(*) FROM notes n WHERE n.case_id = $1 AND n.event_id = u.id)::int AS notes
       FROM unnest($2::text[]) AS u(id)`,
    [scope.caseId, ids],
  );
  const out: Record<string, EventAnnotations> = {};
  for (const row of rows) {
    if (row.tags.length || row.marks.length || row.notes) out[row.eventId] = { tags: row.tags, marks: row.marks, notes: row.notes };
  }
  return out;
}
