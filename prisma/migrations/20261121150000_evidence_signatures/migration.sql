-- CloudTrail digest signatures read from S3 object metadata at ingest (issue #7). No foreign key, like
-- the other per-case derived tables keyed by path; deleted with the case by lib code (cases are not deleted yet).
CREATE TABLE "evidence_signatures" (
    "case_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    CONSTRAINT "evidence_signatures_pkey" PRIMARY KEY ("case_id", "path")
);
