-- Case reports (issue #8): the lead's executive summary, and every export kept as an immutable snapshot.
ALTER TABLE "cases" ADD COLUMN "executive_summary" TEXT NOT NULL DEFAULT '';

CREATE TABLE "reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "case_id" UUID NOT NULL,
    "identifier" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    CONSTRAINT "reports_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "reports_format_check" CHECK ("format" IN ('pdf', 'html', 'md', 'json', 'csv')),
    CONSTRAINT "reports_sha256_check" CHECK ("sha256" = encode(sha256("bytes"), 'hex'))
);
CREATE UNIQUE INDEX "reports_identifier_format_key" ON "reports"("identifier", "format");
CREATE INDEX "reports_case_id_created_at_idx" ON "reports"("case_id", "created_at" DESC);
ALTER TABLE "reports" ADD CONSTRAINT "reports_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A snapshot never changes: no UPDATE path (deleting the case still removes its reports).
CREATE FUNCTION "reports_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reports are immutable snapshots';
END;
$$;
CREATE TRIGGER "reports_no_update" BEFORE UPDATE ON "reports" FOR EACH ROW EXECUTE FUNCTION "reports_immutable"();
