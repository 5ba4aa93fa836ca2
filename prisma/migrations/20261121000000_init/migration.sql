-- Trailbench initial schema. Hand-written in the form `prisma migrate dev` would emit for
-- prisma/schema.prisma (the schema engine cannot run here); lib/db/schema-agreement.int.test.ts
-- proves the two agree.

-- CreateEnum
CREATE TYPE "global_role" AS ENUM ('admin', 'member');

-- CreateEnum
CREATE TYPE "case_role" AS ENUM ('lead', 'investigator', 'viewer');

-- CreateEnum
CREATE TYPE "ingest_state" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "global_role" NOT NULL DEFAULT 'member',
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_members" (
    "case_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "case_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_members_pkey" PRIMARY KEY ("case_id","user_id")
);

-- CreateTable
CREATE TABLE "ingest_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "case_id" UUID NOT NULL,
    "created_by_id" UUID,
    "origin" TEXT NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_label" TEXT NOT NULL,
    "source_path" TEXT,
    "source_sha256" CHAR(64),
    "source_bytes" BIGINT,
    "state" "ingest_state" NOT NULL DEFAULT 'queued',
    "files_done" INTEGER NOT NULL DEFAULT 0,
    "bytes_done" BIGINT NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected_files" INTEGER NOT NULL DEFAULT 0,
    "rejected_records" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "message" TEXT,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "heartbeat_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "case_id" UUID NOT NULL,
    "ingest_run_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" CHAR(64),
    "size" BIGINT NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "format" TEXT,
    "records" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "problem" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "case_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_time" TIMESTAMPTZ(3),
    "event_version" TEXT,
    "event_source" TEXT,
    "event_name" TEXT,
    "aws_region" TEXT,
    "source_ip_address" TEXT,
    "user_agent" TEXT,
    "identity_type" TEXT,
    "principal_arn" TEXT,
    "principal_id" TEXT,
    "principal_account_id" TEXT,
    "user_name" TEXT,
    "access_key_id" TEXT,
    "session_issuer_arn" TEXT,
    "session_name" TEXT,
    "source_identity" TEXT,
    "invoked_by" TEXT,
    "mfa_authenticated" BOOLEAN,
    "recipient_account_id" TEXT,
    "error_code" TEXT,
    "error_message" TEXT,
    "read_only" BOOLEAN,
    "event_type" TEXT,
    "event_category" TEXT,
    "management_event" BOOLEAN,
    "request_id" TEXT,
    "shared_event_id" TEXT,
    "vpc_endpoint_id" TEXT,
    "issued_access_key_id" TEXT,
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "evidence_file_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "ingest_run_id" UUID NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("case_id","event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "case_members_user_id_idx" ON "case_members"("user_id");

-- CreateIndex
CREATE INDEX "ingest_runs_case_id_created_at_idx" ON "ingest_runs"("case_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "evidence_files_case_id_sha256_idx" ON "evidence_files"("case_id", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_files_ingest_run_id_path_key" ON "evidence_files"("ingest_run_id", "path");

-- CreateIndex
CREATE INDEX "events_case_id_event_time_event_id_idx" ON "events"("case_id", "event_time" DESC, "event_id" DESC);

-- CreateIndex
CREATE INDEX "events_evidence_file_id_idx" ON "events"("evidence_file_id");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_runs" ADD CONSTRAINT "ingest_runs_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingest_runs" ADD CONSTRAINT "ingest_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_ingest_run_id_fkey" FOREIGN KEY ("ingest_run_id") REFERENCES "ingest_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_evidence_file_id_fkey" FOREIGN KEY ("evidence_file_id") REFERENCES "evidence_files"("id") ON DELETE CASCADE ON UPDATE CASCADE;
