-- Ingest runs that read from S3 or the CloudTrail LookupEvents API carry their validated source
-- description (lib/sources/source-spec.ts); credentials inside it are AES-256-GCM ciphertext.
-- AlterTable
ALTER TABLE "ingest_runs" ADD COLUMN "source_spec" JSONB;
