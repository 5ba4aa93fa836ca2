-- Evidence integrity (issue #7): CloudTrail public keys for digest signatures, and the last digest
-- validation's summary per case (the overview's checklist reads it).
ALTER TABLE "cases" ADD COLUMN "digest_summary" JSONB,
  ADD COLUMN "digest_validated_at" TIMESTAMPTZ(3);

CREATE TABLE "cloudtrail_public_keys" (
    "fingerprint" TEXT NOT NULL,
    "der" BYTEA NOT NULL,
    "valid_from" TIMESTAMPTZ(3),
    "valid_to" TIMESTAMPTZ(3),
    "source" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cloudtrail_public_keys_pkey" PRIMARY KEY ("fingerprint")
);
