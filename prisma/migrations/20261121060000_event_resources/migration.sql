-- "Same resource" pivots (issue #4): the resources a call touched, extracted at ingest
-- (lib/cloudtrail/event-resources.ts). Events ingested before this migration have none until re-ingested.
-- No index yet: a resource pivot scans the case's events (see ARCHITECTURE.md's decision log).
ALTER TABLE "events" ADD COLUMN "resources" TEXT[] DEFAULT ARRAY[]::TEXT[];
