-- Bookmarks (issue #4): saved views of a case with a title, a note and pinned events. The report issue
-- (#8) builds reports from them. Hand-written in the form `prisma migrate dev` would emit, plus CHECK
-- constraints that prisma/schema.prisma cannot express (Prisma leaves CHECK constraints alone): they
-- repeat lib/bookmarks/schemas.ts at the database, so a report can trust what it reads.

-- CreateTable
CREATE TABLE "bookmarks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "case_id" UUID NOT NULL,
    "created_by_id" UUID,
    "title" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "view" TEXT NOT NULL,
    "pinned_event_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bookmarks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "bookmarks_title_check" CHECK (char_length("title") BETWEEN 1 AND 200),
    CONSTRAINT "bookmarks_note_check" CHECK (char_length("note") <= 5000),
    -- Always a path inside its own case: never another case, never another site.
    CONSTRAINT "bookmarks_view_check" CHECK (starts_with("view", '/cases/' || "case_id"::text || '/')),
    -- Prisma creates list columns without NOT NULL; the check keeps "no pinned events" one value ('{}').
    CONSTRAINT "bookmarks_pinned_event_ids_check" CHECK ("pinned_event_ids" IS NOT NULL AND cardinality("pinned_event_ids") <= 500)
);

-- CreateIndex
CREATE INDEX "bookmarks_case_id_created_at_idx" ON "bookmarks"("case_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "bookmarks" ADD CONSTRAINT "bookmarks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bookmarks" ADD CONSTRAINT "bookmarks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
