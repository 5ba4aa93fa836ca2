// Writes a batch of evidence files and their events in ONE transaction, together with the run's
// counters and the case's event and file counts. A file is therefore either fully committed (its row
// exists, its events are in, the counters include it) or not at all: a resumed run skips exactly the
// committed files, and a crash at any moment ends, after the restart, with the same rows and counts as an
// uninterrupted run.
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { ParsedFile } from "@/lib/ingest/parse-evidence-task";
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from "@/lib/ingest/copy-binary";
import { EVENT_CONTEXT_COLUMNS } from "@/lib/ingest/event-context-columns";
import { EVENT_ROW_COLUMNS } from "@/lib/ingest/event-columns";

export type RunProblem = { file: string; reason: string };

// The run's problem list is for people; beyond this many entries the counters carry the totals.
const MAX_PROBLEMS = 1000;

export const COPY_COLUMNS = [
  ...EVENT_ROW_COLUMNS.map(([, c]) => c),
  "case_id",
  "evidence_file_id",
  "position",
  "search_text",
  ...EVENT_CONTEXT_COLUMNS,
];

/** The files' binary COPY tuples as one stream, between the format's header and trailer. */
function copyStream(files: ParsedFile[]): Readable {
  return Readable.from([
    COPY_BINARY_HEADER,
    ...files.map((f) => Buffer.from(f.copy!.buffer, f.copy!.byteOffset, f.copy!.byteLength)),
    COPY_BINARY_TRAILER,
  ]);
}

/**
 * Fast path: COPY straight into events. It fails as a whole on the first eventID already present
 * (CloudTrail's duplicate deliveries, a re-ingest); the savepoint then discards it and the staged path
 * (COPY into a temp table, INSERT … ON CONFLICT DO NOTHING) does the de-duplication. Returns the rows
 * inserted per file, or null when the fast path did not apply.
 */
async function copyDirect(client: PoolClient, files: ParsedFile[]): Promise<Map<string, number> | null> {
  await client.query("SAVEPOINT direct_copy");
  try {
    await pipeline(copyStream(files), client.query(copyFrom(`COPY events (${COPY_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT binary)`)));
    await client.query("RELEASE SAVEPOINT direct_copy");
    return new Map(files.map((f) => [f.id, f.rowCount]));
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
    await client.query("ROLLBACK TO SAVEPOINT direct_copy");
    return null;
  }
}

async function copyStaged(client: PoolClient, files: ParsedFile[]): Promise<Map<string, number>> {
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS events_stage (LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
  await pipeline(copyStream(files), client.query(copyFrom(`COPY events_stage (${COPY_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT binary)`)));
  const { rows } = await client.query<{ file: string; n: number }>(
    `WITH ins AS (INSERT INTO events SELECT * FROM events_stage ON CONFLICT DO NOTHING RETURNING evidence_file_id)
     SELECT evidence_file_id AS file, count(*)::int AS n FROM ins GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.file, r.n]));
}

export async function commitBatch(
  client: PoolClient,
  run: { id: string; caseId: string },
  files: ParsedFile[],
  opts: { tryDirect?: boolean } = {},
): Promise<{ cancelRequested: boolean; inserted: number; duplicates: number; direct: boolean }> {
  await client.query("BEGIN");
  try {
    // Safe to relax for bulk ingest: a transaction lost to a database crash is one whose files are not
    // recorded as committed either, so the resumed run ingests them again.
    await client.query("SET LOCAL synchronous_commit TO OFF");
    await client.query(
      `INSERT INTO evidence_files (id, case_id, ingest_run_id, path, sha256, size, kind, format, records, rejected, problem, pack, pack_offset)
       SELECT u.id, $1, $2, u.path, u.sha256, u.size, u.kind, u.format, u.records, u.rejected, u.problem, u.pack, u.pack_offset
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::int[], $10::int[], $11::text[], $12::text[], $13::bigint[])
           AS u(id, path, sha256, size, kind, format, records, rejected, problem, pack, pack_offset)`,
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
        files.map((f) => f.pack),
        files.map((f) => f.packOffset),
      ],
    );
    const withRows = files.filter((f) => f.rowCount > 0);
    let insertedByFile = new Map<string, number>();
    let direct = false;
    if (withRows.length > 0) {
      const fast = opts.tryDirect ? await copyDirect(client, withRows) : null;
      direct = fast !== null;
      insertedByFile = fast ?? (await copyStaged(client, withRows));
      await client.query(
        `UPDATE evidence_files e SET inserted = u.inserted, duplicates = u.duplicates
           FROM unnest($1::uuid[], $2::int[], $3::int[]) AS u(id, inserted, duplicates) WHERE e.case_id = $4 AND e.id = u.id`,
        [
          withRows.map((f) => f.id),
          withRows.map((f) => insertedByFile.get(f.id) ?? 0),
          withRows.map((f) => f.rowCount - (insertedByFile.get(f.id) ?? 0)),
          run.caseId,
        ],
      );
    }
    const inserted = [...insertedByFile.values()].reduce((a, b) => a + b, 0);
    const kept = withRows.reduce((a, f) => a + f.rowCount, 0);
    const problems: RunProblem[] = files.filter((f) => f.problem).map((f) => ({ file: f.path, reason: f.problem! }));
    if (files.length > 0) {
      await client.query(`UPDATE cases SET event_count = event_count + $2, evidence_file_count = evidence_file_count + $3 WHERE id = $1`, [
        run.caseId,
        inserted,
        files.length,
      ]);
    }
    const { rows: runRows } = await client.query<{ cancel_requested: boolean }>(
      `UPDATE ingest_runs SET
          files_done = files_done + $2, bytes_done = bytes_done + $3, records = records + $4,
          inserted = inserted + $5, duplicates = duplicates + $6,
          rejected_files = rejected_files + $7, rejected_records = rejected_records + $8,
          problems = CASE WHEN jsonb_array_length(problems) >= ${MAX_PROBLEMS} THEN problems
                          ELSE problems || $9::jsonb END,
          heartbeat_at = now()
        WHERE id = $1 AND case_id = $10 RETURNING cancel_requested`,
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
        run.caseId,
      ],
    );
    await client.query("COMMIT");
    return { cancelRequested: runRows[0]?.cancel_requested ?? false, inserted, duplicates: kept - inserted, direct };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
