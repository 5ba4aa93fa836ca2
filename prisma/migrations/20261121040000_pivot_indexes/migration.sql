-- Pivot indexes (issue #4): the first page of "every event made with this key / by this role / from this
-- IP / by this principal" is an index range scan in time order, whatever the case's size. Each index
-- costs ingest time (measured in ARCHITECTURE.md's decision log).
-- The key and role indexes are partial: AWS-service events carry no key and most non-role callers no
-- session issuer (half and 98% of the rows of the 1M-event benchmark archive), and an equality pivot
-- implies NOT NULL, so those rows need no entries.
CREATE INDEX "events_by_key_idx" ON "events"("case_id", "access_key_id", "event_time" DESC) WHERE access_key_id IS NOT NULL;
CREATE INDEX "events_by_role_idx" ON "events"("case_id", "session_issuer_arn", "event_time" DESC) WHERE session_issuer_arn IS NOT NULL;
CREATE INDEX "events_case_id_source_ip_address_event_time_idx" ON "events"("case_id", "source_ip_address", "event_time" DESC);
CREATE INDEX "events_case_id_principal_arn_event_time_idx" ON "events"("case_id", "principal_arn", "event_time" DESC);
-- Credential lineage: which event issued this key (backward) and which keys did this key's calls issue
-- (forward). Partial: only the few key-issuing events are indexed, so they cost ingest next to nothing.
CREATE INDEX "events_issued_key_idx" ON "events"("case_id", "issued_access_key_id") WHERE issued_access_key_id IS NOT NULL;
CREATE INDEX "events_issuing_by_key_idx" ON "events"("case_id", "access_key_id") WHERE issued_access_key_id IS NOT NULL;

-- The case's incident window: what is first seen inside it is marked as new on identity pages.
ALTER TABLE "cases" ADD COLUMN "window_start" TIMESTAMPTZ(3),
ADD COLUMN "window_end" TIMESTAMPTZ(3);
