// Which audit actions make up a case's activity feed: the team's work on the case (ingest, bookmarks,
// notes, tags, marks, triage, detections, reports, members, settings), by action family so that
// actions added later to a family appear without a change here. Reading (case.access, search.run,
// export.download) is audit-only, never in the feed.
export const ACTIVITY_ACTION_FAMILIES = ["case", "ingest", "bookmark", "note", "tag", "mark", "finding", "detections", "report", "member"] as const;
export const ACTIVITY_EXCLUDED_ACTIONS = ["case.access"] as const;

/**
 * The reading actions, written on every page view and search: by far the most rows of a case's audit
 * log (all but a few dozen of a load test's case's 23,096 entries; millions over a long case). The feed's rows are
 * read through a partial index without them (audit_log_case_work_idx, migration
 * 20261122020000_audit_log_work_index), so a page of the feed reads about that many index entries, not
 * every page view since the last change. The clause is SQL text, the same as the index's predicate
 * (PostgreSQL uses a partial index only when the query's WHERE proves its predicate: a parameter would not).
 */
export const READING_ACTIONS = ["case.access", "export.download", "search.run"] as const;
export const NOT_READING_SQL = `a.action <> ALL ('{${READING_ACTIONS.join(",")}}'::text[])`;

/** A set of audit actions by family (the part before the first dot), less some actions. */
export type ActionSet = { prefixes: readonly string[]; except: readonly string[] };

/** The activity feed's actions (lib/audit/list-case-activity.ts). */
export const ACTIVITY_ACTIONS: ActionSet = { prefixes: ACTIVITY_ACTION_FAMILIES, except: ACTIVITY_EXCLUDED_ACTIONS };

/** Whether `action` is in `set`: the same test as the SQL of lib/audit/query-audit-entries.ts. */
export function actionInSet(action: string, set: ActionSet): boolean {
  const family = action.split(".", 1)[0] ?? "";
  return set.prefixes.includes(family) && !set.except.includes(action);
}
