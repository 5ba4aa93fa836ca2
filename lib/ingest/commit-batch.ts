// Writes a batch of evidence files and their events in ONE transaction, together with the run's
// counters. A file is therefore either fully committed (its row exists, its events are in, the
// counters include it) or not at all: a resumed run skips exactly the committed files, and a crash at
// any moment ends, after the restart, with the same rows and counts as an uninterrupted run.
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { EVENT_ROW_COLUMNS } from "@/lib/ingest/event-columns";
import { copyValue } from "@/lib/ingest/copy-text";

export type PendingFile = {
  id: string;
  path: string;
  sha256: string | null;
  size: number;
  kind: "events" | "digest" | "rejected";
  format: string | null;
  /** Every record seen in the file, kept or rejected. */
  records: number;
  rejected: number;
  problem: string | null;
  rows: { row: EventRow; position: number }[];
};

export type RunProblem = { file: string; reason: string };

// The run's problem list is for people; beyond this many entries the counters carry the totals.
const MAX_PROBLEMS = 1000;

const COPY_COLUMNS = [...EVENT_ROW_COLUMNS.map(([, c]) => c), "case_id", "evidence_file_id", "position", "ingest_run_id"];

function* copyLines(caseId: string, runId: string, files: PendingFile[]): Generator<string> {
  for (const f of files) {
    for (const { row, position } of f.rows) {
      let line = "";
      for (const [field] of EVENT_ROW_COLUMNS) line += copyValue(row[field]) + "\t";
      yield `${line}${caseId}\t${f.id}\t${position}\t${runId}\n`;
    }
  }
}

export async function commitBatch(
  client: PoolClient,
  run: { id: string; caseId: string },
  files: PendingFile[],
): Promise<{ cancelRequested: boolean; inserted: number; duplicates: number }> {
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO evidence_files (id, case_id, ingest_run_id, path, sha256, size, kind, format, records, rejected, problem)
       SELECT u.id, $1, $2, u.path, u.sha256, u.size, u.kind, u.format, u.records, u.rejected, u.problem
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::int[], $10::int[], $11::text[])
           AS u(id, path, sha256, size, kind, format, records, rejected, problem)`,
      [
        run.caseId,
        run.id,
        files.map((f) => f.id),
        files.map((f) => f.path),
        files.map((f) => f.sha256),
        files.map((f) => f.size),
        files.map((f) => f.kind),
        files.map((f) => f.format),
        files.map((f) => f.records),
        files.map((f) => f.rejected),
        files.map((f) => f.problem),
      ],
    );
    const insertedByFile = new Map<string, number>();
    if (files.some((f) => f.rows.length > 0)) {
      await client.query(
        `CREATE TEMP TABLE IF NOT EXISTS events_stage (LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
      );
      await pipeline(
        Readable.from(copyLines(run.caseId, run.id, files)),
        client.query(copyFrom(`COPY events_stage (${COPY_COLUMNS.join(", ")}) FROM STDIN`)),
      );
      const { rows } = await client.query<{ file: string; n: number }>(
        `WITH ins AS (INSERT INTO events SELECT * FROM events_stage ON CONFLICT DO NOTHING RETURNING evidence_file_id)
         SELECT evidence_file_id AS file, count(*)::int AS n FROM ins GROUP BY 1`,
      );
      for (const r of rows) insertedByFile.set(r.file, r.n);
      const ids = files.filter((f) => f.rows.length > 0).map((f) => f.id);
      await client.query(
        `UPDATE evidence_files e SET inserted = u.inserted, duplicates = u.duplicates
           FROM unnest($1::uuid[], $2::int[], $3::int[]) AS u(id, inserted, duplicates) WHERE e.id = u.id`,
        [
          ids,
          ids.map((id) => insertedByFile.get(id) ?? 0),
          files.filter((f) => f.rows.length > 0).map((f) => f.rows.length - (insertedByFile.get(f.id) ?? 0)),
        ],
      );
    }
    const inserted = [...insertedByFile.values()].reduce((a, b) => a + b, 0);
    const kept = files.reduce((a, f) => a + f.rows.length, 0);
    const problems: RunProblem[] = files.filter((f) => f.problem).map((f) => ({ file: f.path, reason: f.problem! }));
    const { rows: runRows } = await client.query<{ cancel_requested: boolean }>(
      `UPDATE ingest_runs SET
          files_done = files_done + $2, bytes_done = bytes_done + $3, records = records + $4,
          inserted = inserted + $5, duplicates = duplicates + $6,
          rejected_files = rejected_files + $7, rejected_records = rejected_records + $8,
          problems = CASE WHEN jsonb_array_length(problems) >= ${MAX_PROBLEMS} THEN problems
                          ELSE problems || $9::jsonb END,
          heartbeat_at = now()
        WHERE id = $1 RETURNING cancel_requested`,
      [
        run.id,
        files.length,
        files.reduce((a, f) => a + f.size, 0),
        files.reduce((a, f) => a + f.records, 0),
        inserted,
        kept - inserted,
        files.filter((f) => f.kind === "rejected").length,
        files.reduce((a, f) => a + f.rejected, 0),
        JSON.stringify(problems.slice(0, MAX_PROBLEMS)),
      ],
    );
    await client.query("COMMIT");
    return { cancelRequested: runRows[0]?.cancel_requested ?? false, inserted, duplicates: kept - inserted };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
