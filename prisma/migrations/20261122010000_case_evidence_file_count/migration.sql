-- Issue #9, load: the case's evidence file count, kept by the ingest's batch transaction (lib/ingest/
-- commit-batch.ts) beside event_count. The dashboard and the checklist read it on every overview: counting
-- 145,238 rows at 5M events took 50 ms quiet and 93 ms (up to 271 ms) during a concurrent ingest, twice
-- per overview. Evidence files are never deleted but with their case, so the counter only grows.
ALTER TABLE "cases" ADD COLUMN "evidence_file_count" INTEGER NOT NULL DEFAULT 0;
UPDATE "cases" c SET "evidence_file_count" = (SELECT count(*) FROM "evidence_files" e WHERE e."case_id" = c."id");
