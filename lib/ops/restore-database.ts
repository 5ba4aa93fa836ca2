// `trailbench restore`, the database half: pg_restore of a `trailbench backup` dump into an EMPTY
// database, in one transaction (all or nothing), objects owned by the restoring user (--no-owner: the
// original role need not exist here).
//
// Why only into an empty database: pg_restore creates every trigger after the table data is loaded
// (triggers are in the dump's post-data section), so the audit log's rows arrive exactly as they were
// and its hash chain verifies. A data-only restore into an already-migrated schema would instead fire
// audit_log's BEFORE INSERT trigger on every row and rewrite its id, time and hashes (a new, valid chain
// of different rows: the original evidence of who did what, when, would be lost).
import pg from "pg";
import { AppError } from "@/lib/errors";
import { findPgTool } from "@/lib/ops/find-pg-tool";
import type { FoundPgTool } from "@/lib/ops/pg-tool-advice";
import { openPgToolConnection } from "@/lib/ops/pg-tool-connection";
import { runPgTool } from "@/lib/ops/run-pg-tool";

export type RestoreResult = { serverMajor: number; pgRestore: FoundPgTool };

/** Tables, views, sequences and foreign tables outside the system schemas. */
async function countUserRelations(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname <> 'information_schema' AND s.nspname NOT LIKE 'pg\\_%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function analyze(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // pg_restore brings no planner statistics: without them the first queries on millions of events plan blind.
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

export async function restoreDatabase(opts: { databaseUrl: string; file: string; pgBin?: string; passwordHint: string }): Promise<RestoreResult> {
  const conn = await openPgToolConnection(opts.databaseUrl);
  const existing = await countUserRelations(opts.databaseUrl);
  if (existing > 0) {
    throw new AppError(
      "CONFLICT",
      `The target database is not empty (${existing} tables, views or sequences): restore only into a new, empty database ` +
        `(createdb, or a fresh embedded data directory), never over an existing one.`,
    );
  }
  const pgRestore = await findPgTool("pg_restore", conn.serverMajor, { file: opts.file, urlHint: conn.urlHint, passwordHint: opts.passwordHint }, opts.pgBin);
  await runPgTool(
    pgRestore.path,
    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${conn.dbname}`, opts.file],
    conn.env,
  );
  await analyze(opts.databaseUrl);
  return { serverMajor: conn.serverMajor, pgRestore };
}
