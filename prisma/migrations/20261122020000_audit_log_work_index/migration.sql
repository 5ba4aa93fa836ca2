-- Issue #9, load: a case's activity feed (the team's work: ingests, bookmarks, notes, triage...) read
-- without walking every page view and search of the case. The reading actions are nearly every audit row
-- (each page view writes case.access), so the feed's page of 50 scanned all of them back to the last
-- change: 15 ms for 23,000 entries, growing with the case's age. The predicate is the query's own
-- clause, word for word (lib/audit/activity-actions.ts, NOT_READING_SQL).
CREATE INDEX "audit_log_case_work_idx" ON "audit_log" ("case_id", "id")
  WHERE "action" <> ALL ('{case.access,export.download,search.run}'::text[]);
