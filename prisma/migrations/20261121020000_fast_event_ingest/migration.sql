-- Bulk ingest speed (issue #3): the events table keeps only the indexes queries need, and no foreign
-- keys. A foreign key costs a trigger per inserted row (millions per archive); events are written by one
-- code path (lib/ingest/commit-batch.ts) that always sets a case and an evidence file of that case, and
-- deleting a case deletes its events explicitly. The case's event count is kept with the case, updated
-- in the same transaction as the events, so listing cases never counts millions of rows.

-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_case_id_fkey";

-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_evidence_file_id_fkey";

-- DropIndex
DROP INDEX "events_evidence_file_id_idx";

-- Newest-first listing needs (case_id, event_time DESC); ties on event_time are ordered by event_id with
-- an incremental sort, so event_id need not be in this index (a third smaller, cheaper to maintain).
-- DropIndex
DROP INDEX "events_case_id_event_time_event_id_idx";

-- CreateIndex
CREATE INDEX "events_case_id_event_time_idx" ON "events"("case_id", "event_time" DESC);

-- AlterTable: the run is known through the evidence file; one less uuid to parse per row.
ALTER TABLE "events" DROP COLUMN "ingest_run_id";

-- AlterTable
ALTER TABLE "cases" ADD COLUMN "event_count" INTEGER NOT NULL DEFAULT 0;
