-- Identity baselines and deviations (issue #10, "When" and "Baselines and deviations"): derived data,
-- recomputed as a whole per case by lib/baselines/compute-baselines.ts (after every successful ingest and
-- whenever the lead changes the incident window). Nothing here is evidence: deleting the rows loses
-- nothing that a recomputation cannot rebuild.

-- CreateTable
CREATE TABLE "identity_baselines" (
    "case_id" UUID NOT NULL,
    -- coalesce(session_issuer_arn, principal_arn): a role's sessions share one baseline.
    "identity" TEXT NOT NULL,
    -- The sets (countries, asns, ips, tools, regions, services) and usual hours; see compute-baselines.ts.
    "baseline" JSONB NOT NULL,
    "baseline_events" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_baselines_pkey" PRIMARY KEY ("case_id", "identity")
);

-- CreateTable
CREATE TABLE "event_deviations" (
    "case_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(3) NOT NULL,
    "kinds" TEXT[],
    "details" JSONB NOT NULL DEFAULT '{}',
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_deviations_pkey" PRIMARY KEY ("case_id", "event_id"),
    -- Prisma creates list columns without NOT NULL; a row exists only for an event with a deviation.
    CONSTRAINT "event_deviations_kinds_check" CHECK ("kinds" IS NOT NULL AND cardinality("kinds") > 0)
);

-- CreateIndex
CREATE INDEX "event_deviations_case_id_identity_event_time_idx" ON "event_deviations"("case_id", "identity", "event_time" DESC);

-- AddForeignKey
ALTER TABLE "identity_baselines" ADD CONSTRAINT "identity_baselines_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_deviations" ADD CONSTRAINT "event_deviations_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
