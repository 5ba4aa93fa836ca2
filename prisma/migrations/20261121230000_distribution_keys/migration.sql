-- Issue #9, "past one machine": the distribution key case_id leads every primary key and unique
-- constraint of the case-scoped tables, and the one foreign key between two of them carries it, so that
-- each can be distributed by case with Citus (create_distributed_table(<table>, 'case_id',
-- colocate_with => 'events')) without a schema change. events, event_deviations, identity_baselines,
-- evidence_signatures, detected_evidence_files, event_tags and event_marks already had it.
-- lib/db/distribution-keys.int.test.ts checks the rule on the migrated catalog.

ALTER TABLE "evidence_files" DROP CONSTRAINT "evidence_files_ingest_run_id_fkey";

ALTER TABLE "ingest_runs" DROP CONSTRAINT "ingest_runs_pkey";
ALTER TABLE "ingest_runs" ADD CONSTRAINT "ingest_runs_pkey" PRIMARY KEY ("case_id", "id");

ALTER TABLE "evidence_files" DROP CONSTRAINT "evidence_files_pkey";
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_pkey" PRIMARY KEY ("case_id", "id");
DROP INDEX "evidence_files_ingest_run_id_path_key";
CREATE UNIQUE INDEX "evidence_files_case_id_ingest_run_id_path_key" ON "evidence_files"("case_id", "ingest_run_id", "path");
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_case_id_ingest_run_id_fkey"
    FOREIGN KEY ("case_id", "ingest_run_id") REFERENCES "ingest_runs"("case_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "bookmarks" DROP CONSTRAINT "bookmarks_pkey";
ALTER TABLE "bookmarks" ADD CONSTRAINT "bookmarks_pkey" PRIMARY KEY ("case_id", "id");

ALTER TABLE "case_hour_counts" DROP CONSTRAINT "case_hour_counts_pkey";
ALTER TABLE "case_hour_counts" ADD CONSTRAINT "case_hour_counts_pkey" PRIMARY KEY ("case_id", "id");

ALTER TABLE "case_actor_counts" DROP CONSTRAINT "case_actor_counts_pkey";
ALTER TABLE "case_actor_counts" ADD CONSTRAINT "case_actor_counts_pkey" PRIMARY KEY ("case_id", "id");

ALTER TABLE "case_denied_counts" DROP CONSTRAINT "case_denied_counts_pkey";
ALTER TABLE "case_denied_counts" ADD CONSTRAINT "case_denied_counts_pkey" PRIMARY KEY ("case_id", "id");

ALTER TABLE "findings" DROP CONSTRAINT "findings_pkey";
ALTER TABLE "findings" ADD CONSTRAINT "findings_pkey" PRIMARY KEY ("case_id", "id");

ALTER TABLE "notes" DROP CONSTRAINT "notes_pkey";
ALTER TABLE "notes" ADD CONSTRAINT "notes_pkey" PRIMARY KEY ("case_id", "id");
