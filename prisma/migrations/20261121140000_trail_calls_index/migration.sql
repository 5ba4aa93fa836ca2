-- Calls to the CloudTrail API (StopLogging, DeleteTrail, UpdateTrail, …): a handful per case, read by the
-- integrity page's logging windows and trail changes and marked on the timeline (issue #7). Partial, so
-- ingest pays only a predicate check per row.
CREATE INDEX "events_trail_calls_idx" ON "events"("case_id", "event_time") WHERE event_source = 'cloudtrail.amazonaws.com';
