// Hand-built events for tests that need exact rows (lineage, pivots) without going through an ingest:
// one ingest run and one evidence_files row per call, and the events pointing at it by position.
// The evidence file has no bytes (sha256 null), so the verbatim record of these events cannot be read;
// tests of raw records ingest real files instead.
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { getPool } from "@/lib/db/client";
import { EVENT_ROW_COLUMNS } from "@/lib/ingest/event-columns";

export type SeedEvent = Partial<Omit<EventRow, "eventTime">> & { eventId: string; eventTime?: Date | string | null };

export async function seedEvents(caseId: string, rows: SeedEvent[]): Promise<{ evidenceFileId: string }> {
  const pool = getPool();
  const run = await pool.query<{ id: string }>(
    `INSERT INTO ingest_runs (case_id, origin, source_kind, source_label, state) VALUES ($1, 'cli', 'path', 'seeded events', 'succeeded') RETURNING id`,
    [caseId],
  );
  const file = await pool.query<{ id: string }>(
    `INSERT INTO evidence_files (case_id, ingest_run_id, path, kind, format, records, inserted)
     VALUES ($1, $2, $3, 'events', 'records', $4, $4) RETURNING id`,
    [caseId, run.rows[0]!.id, `seeded/${run.rows[0]!.id}.json`, rows.length],
  );
  const evidenceFileId = file.rows[0]!.id;
  for (const [position, row] of rows.entries()) {
    // Only the fields given: the others take the table's defaults (NULL, or '{}' for the array columns).
    const given = EVENT_ROW_COLUMNS.filter(([field]) => row[field] !== undefined);
    const values = given.map(([field]) => (field === "eventTime" && typeof row.eventTime === "string" ? new Date(row.eventTime) : row[field]));
    const columns = [...given.map(([, column]) => column), "case_id", "evidence_file_id", "position"];
    await pool.query(`INSERT INTO events (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`, [
      ...values,
      caseId,
      evidenceFileId,
      position,
    ]);
  }
  await pool.query("UPDATE cases SET event_count = event_count + $2, evidence_file_count = evidence_file_count + 1 WHERE id = $1", [caseId, rows.length]);
  return { evidenceFileId };
}
