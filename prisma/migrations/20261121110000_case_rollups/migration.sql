-- Pre-aggregated counts for the dashboard, the whole-case timeline and the denied-call heatmaps
-- (issue #5). Derived data, rebuilt as a whole per case by lib/rollups/rebuild-case-rollups.ts.
ALTER TABLE "cases" ADD COLUMN "rollups_event_count" INTEGER,
  ADD COLUMN "rollups_built_at" TIMESTAMPTZ(3);

CREATE TABLE "case_hour_counts" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3),
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "denied" INTEGER NOT NULL,
    "mutating" INTEGER NOT NULL,
    "read_only" INTEGER NOT NULL,
    "unrecorded" INTEGER NOT NULL,
    CONSTRAINT "case_hour_counts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "case_hour_counts_case_id_hour_idx" ON "case_hour_counts"("case_id", "hour");
ALTER TABLE "case_hour_counts" ADD CONSTRAINT "case_hour_counts_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "case_actor_counts" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "mutating" INTEGER NOT NULL,
    "denied" INTEGER NOT NULL,
    "country" TEXT,
    "first_at" TIMESTAMPTZ(3),
    "last_at" TIMESTAMPTZ(3),
    CONSTRAINT "case_actor_counts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "case_actor_counts_case_id_dimension_idx" ON "case_actor_counts"("case_id", "dimension");
ALTER TABLE "case_actor_counts" ADD CONSTRAINT "case_actor_counts_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "case_denied_counts" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3),
    "principal" TEXT NOT NULL,
    "principal_kind" TEXT NOT NULL,
    "event_source" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "first_at" TIMESTAMPTZ(3),
    CONSTRAINT "case_denied_counts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "case_denied_counts_case_id_hour_idx" ON "case_denied_counts"("case_id", "hour");
ALTER TABLE "case_denied_counts" ADD CONSTRAINT "case_denied_counts_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
