-- Notes, tags and marks (issue #8): notes on events and on the case (Markdown, rendered without raw
-- HTML), tags on events, star/evidence marks. Hand-written in the form `prisma migrate dev` would emit,
-- plus CHECK constraints that prisma/schema.prisma cannot express; they repeat lib/notes/note-schemas.ts
-- and lib/tags/tag-schemas.ts at the database. event_id has no foreign key (the events table has none,
-- for ingest speed): lib/notes and lib/tags check each id is an event of the case before writing.

-- CreateTable
CREATE TABLE "notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "case_id" UUID NOT NULL,
    "event_id" TEXT,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notes_body_check" CHECK (char_length("body") BETWEEN 1 AND 20000),
    CONSTRAINT "notes_event_id_check" CHECK ("event_id" IS NULL OR char_length("event_id") BETWEEN 1 AND 512)
);

-- CreateTable
CREATE TABLE "event_tags" (
    "case_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_tags_pkey" PRIMARY KEY ("case_id", "event_id", "tag"),
    -- Lower case, 1–40 characters of a-z 0-9 . _ : - (never markup, never whitespace).
    CONSTRAINT "event_tags_tag_check" CHECK ("tag" ~ '^[a-z0-9._:-]{1,40}$')
);

-- CreateTable
CREATE TABLE "event_marks" (
    "case_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_marks_pkey" PRIMARY KEY ("case_id", "event_id", "kind"),
    CONSTRAINT "event_marks_kind_check" CHECK ("kind" IN ('star', 'evidence'))
);

-- CreateIndex
CREATE INDEX "notes_case_id_event_id_created_at_idx" ON "notes"("case_id", "event_id", "created_at");

-- CreateIndex
CREATE INDEX "event_tags_case_id_tag_idx" ON "event_tags"("case_id", "tag");

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_tags" ADD CONSTRAINT "event_tags_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_tags" ADD CONSTRAINT "event_tags_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_marks" ADD CONSTRAINT "event_marks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_marks" ADD CONSTRAINT "event_marks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
