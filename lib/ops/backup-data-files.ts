// `trailbench backup`, the files half: a tar of the evidence store and the uploaded IP databases.
// Taken AFTER the database dump, it holds every byte the dump's rows point at even while the app runs:
// an ingest makes a file's bytes durable before it commits the row that points at them, and packs are
// append-only. GNU tar's exit status 1 ("file changed as we read it": a pack still being appended to) is
// therefore harmless here and reported as a note, not an error.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { DATA_FILE_ENTRIES, DATA_FILE_EXCLUDES } from "@/lib/ops/data-file-entries";
import { runTar } from "@/lib/ops/run-tar";

export type DataFilesBackup = { file: string; bytes: number; entries: string[]; changedWhileRead: boolean };

export async function backupDataFiles(dataDir: string, file: string): Promise<DataFilesBackup> {
  if (existsSync(file)) throw new AppError("CONFLICT", `${file} already exists: choose a new file name (a backup never overwrites another).`);
  const entries = DATA_FILE_ENTRIES.filter((e) => existsSync(path.join(dataDir, e)));
  const partial = `${file}.partial-${randomBytes(4).toString("hex")}`;
  const args = ["--create", `--file=${partial}`, `--directory=${dataDir}`, ...DATA_FILE_EXCLUDES.map((e) => `--exclude=${e}`), "--", ...entries];
  // An empty archive when there is nothing yet (no evidence ingested): restore then has nothing to do.
  const { code, stderr } = await runTar(entries.length > 0 ? args : ["--create", `--file=${partial}`, "--files-from=/dev/null"]);
  if (code !== 0 && code !== 1) {
    await rm(partial, { force: true });
    throw new Error(`tar failed (exit ${code}) archiving ${dataDir}:\n${stderr || "(no output)"}`);
  }
  await rename(partial, file);
  return { file, bytes: (await stat(file)).size, entries, changedWhileRead: code === 1 };
}
