-- Incremental detections (issue #6): what the findings were computed with, and which evidence files
-- they already include.
ALTER TABLE "cases" ADD COLUMN "detections_fingerprint" CHAR(64);
ALTER TABLE "cases" ADD COLUMN "detections_mode" TEXT;

CREATE TABLE "detected_evidence_files" (
    "case_id" UUID NOT NULL,
    "evidence_file_id" UUID NOT NULL,
    CONSTRAINT "detected_evidence_files_pkey" PRIMARY KEY ("case_id", "evidence_file_id")
);
ALTER TABLE "detected_evidence_files" ADD CONSTRAINT "detected_evidence_files_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
