-- Detection findings (issue #6): one row per case × rule × principal × failed-or-not, updated in place
-- by each detection run; triage survives re-runs.
ALTER TABLE "cases" ADD COLUMN "detections_run_at" TIMESTAMPTZ(3),
  ADD COLUMN "detections_event_count" INTEGER,
  ADD COLUMN "detection_settings" JSONB NOT NULL DEFAULT '{}';

CREATE TABLE "findings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "case_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rule_author" TEXT,
    "attack" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tactics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "evidence_fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "principal" TEXT NOT NULL,
    "failed_attempt" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "event_ids" TEXT[],
    "event_count" INTEGER NOT NULL,
    "first_at" TIMESTAMPTZ(3),
    "last_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL DEFAULT 'new',
    "note" TEXT NOT NULL DEFAULT '',
    "triaged_by_id" UUID,
    "triaged_at" TIMESTAMPTZ(3),
    "triaged_event_count" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "findings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "findings_source_check" CHECK ("source" IN ('builtin', 'sigma')),
    CONSTRAINT "findings_status_check" CHECK ("status" IN ('new', 'confirmed', 'false-positive')),
    CONSTRAINT "findings_event_ids_check" CHECK ("event_ids" IS NOT NULL)
);
CREATE UNIQUE INDEX "findings_case_id_rule_id_principal_failed_attempt_key" ON "findings"("case_id", "rule_id", "principal", "failed_attempt");
CREATE INDEX "findings_case_id_first_at_idx" ON "findings"("case_id", "first_at");
ALTER TABLE "findings" ADD CONSTRAINT "findings_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "findings" ADD CONSTRAINT "findings_triaged_by_id_fkey" FOREIGN KEY ("triaged_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
