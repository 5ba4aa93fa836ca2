-- Context (issue #10): where a call came from and with what tool, resolved offline at ingest
-- (lib/context/*), and the case's trusted networks and expected countries. Events ingested before this
-- migration have no context until re-ingested.
ALTER TABLE "events" ADD COLUMN "source_kind" TEXT,
ADD COLUMN "source_country" TEXT,
ADD COLUMN "source_asn" INTEGER,
ADD COLUMN "source_as_org" TEXT,
ADD COLUMN "tool" TEXT,
ADD COLUMN "tool_version" TEXT;

ALTER TABLE "cases" ADD COLUMN "trusted_networks" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "expected_countries" TEXT[] DEFAULT ARRAY[]::TEXT[];
