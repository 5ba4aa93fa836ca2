-- Free text over the raw record (issue #4): the record's JSON without the fields that are columns,
-- written at ingest (lib/cloudtrail/record-search-text.ts). Not indexed. Events ingested before this
-- migration have none until re-ingested (free text then covers their columns only).
ALTER TABLE "events" ADD COLUMN "search_text" TEXT;
