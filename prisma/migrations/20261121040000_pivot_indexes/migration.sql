-- Pivot indexes (issue #4): the first page of "every event made with this key / by this role / from this
-- IP / by this principal" is an index range scan in time order, whatever the case's size. Each index
-- costs ingest time (measured in ARCHITECTURE.md's decision log).
CREATE INDEX "events_case_id_access_key_id_event_time_idx" ON "events"("case_id", "access_key_id", "event_time" DESC);
CREATE INDEX "events_case_id_session_issuer_arn_event_time_idx" ON "events"("case_id", "session_issuer_arn", "event_time" DESC);
CREATE INDEX "events_case_id_source_ip_address_event_time_idx" ON "events"("case_id", "source_ip_address", "event_time" DESC);
CREATE INDEX "events_case_id_principal_arn_event_time_idx" ON "events"("case_id", "principal_arn", "event_time" DESC);
-- Credential lineage: which event issued this key (backward) and which keys did this key's calls issue
-- (forward). Partial: only the few key-issuing events are indexed, so they cost ingest next to nothing.
CREATE INDEX "events_issued_key_idx" ON "events"("case_id", "issued_access_key_id") WHERE issued_access_key_id IS NOT NULL;
CREATE INDEX "events_issuing_by_key_idx" ON "events"("case_id", "access_key_id") WHERE issued_access_key_id IS NOT NULL;

-- The case's incident window: what is first seen inside it is marked as new on identity pages.
ALTER TABLE "cases" ADD COLUMN "window_start" TIMESTAMPTZ(3),
ADD COLUMN "window_end" TIMESTAMPTZ(3);
