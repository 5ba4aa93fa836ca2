// Which audit actions make up a case's activity feed: the team's work on the case (ingest, bookmarks,
// notes, tags, marks, triage, detections, reports, members, settings), by action family so that
// actions added later to a family appear without a change here. Reading (case.access, search.run,
// export.download) is audit-only, never in the feed.
export const ACTIVITY_ACTION_FAMILIES = ["case", "ingest", "bookmark", "note", "tag", "mark", "finding", "detections", "report", "member"] as const;
export const ACTIVITY_EXCLUDED_ACTIONS = ["case.access"] as const;

export function isActivityAction(action: string): boolean {
  const family = action.split(".", 1)[0] ?? "";
  return (ACTIVITY_ACTION_FAMILIES as readonly string[]).includes(family) && !(ACTIVITY_EXCLUDED_ACTIONS as readonly string[]).includes(action);
}
