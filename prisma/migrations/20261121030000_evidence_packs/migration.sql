-- Evidence files found during an ingest are appended to pack files (lib/evidence/evidence-pack-writer.ts):
-- each is located by its pack and offset (its length is `size`, its name `sha256`). NULL pack: the file is
-- in the loose content-addressed store (uploads) or was not readable.
-- AlterTable
ALTER TABLE "evidence_files" ADD COLUMN "pack" TEXT,
ADD COLUMN "pack_offset" BIGINT;
