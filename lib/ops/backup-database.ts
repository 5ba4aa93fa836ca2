// `trailbench backup`, the database half: pg_dump's custom format (compressed, restorable table by table,
// read by pg_restore). pg_dump takes one consistent snapshot, so the app may keep running; the dump is
// written beside the target and renamed into place only when pg_dump succeeded.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { findPgTool } from "@/lib/ops/find-pg-tool";
import type { FoundPgTool } from "@/lib/ops/pg-tool-advice";
import { openPgToolConnection } from "@/lib/ops/pg-tool-connection";
import { runPgTool } from "@/lib/ops/run-pg-tool";

export type BackupResult = { file: string; bytes: number; serverMajor: number; pgDump: FoundPgTool };

export async function backupDatabase(opts: { databaseUrl: string; file: string; pgBin?: string; passwordHint: string }): Promise<BackupResult> {
  if (existsSync(opts.file)) throw new AppError("CONFLICT", `${opts.file} already exists: choose a new file name (a backup never overwrites another).`);
  const conn = await openPgToolConnection(opts.databaseUrl);
  const pgDump = await findPgTool("pg_dump", conn.serverMajor, { file: opts.file, urlHint: conn.urlHint, passwordHint: opts.passwordHint }, opts.pgBin);
  const partial = `${opts.file}.partial-${randomBytes(4).toString("hex")}`;
  try {
    await runPgTool(pgDump.path, ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${conn.dbname}`], conn.env);
    await rename(partial, opts.file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { file: opts.file, bytes: (await stat(opts.file)).size, serverMajor: conn.serverMajor, pgDump };
}
