// `trailbench backup <file>` and `trailbench restore <file>` (issue #9, operations): the database with
// pg_dump / pg_restore, and the evidence store beside it as <file>.files.tar. README "Backup and restore".
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { openAppDatabase } from "@/lib/cli/open-app-database";
import { backupDatabase } from "@/lib/ops/backup-database";
import { backupDataFiles } from "@/lib/ops/backup-data-files";
import { dataFilesArchivePath } from "@/lib/ops/data-file-entries";
import { restoreDatabase } from "@/lib/ops/restore-database";
import { restoreDataFiles } from "@/lib/ops/restore-data-files";

type Io = { out: (s: string) => void; err: (s: string) => void };
type Options = { files: boolean; pgBin?: string };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function registerBackupCommands(program: Command, io: Io): void {
  program
    .command("backup")
    .description("back up the database (pg_dump, custom format) to <file> and the evidence store to <file>.files.tar")
    .argument("<file>", "the dump to write (never overwritten)")
    .option("--no-files", "back up the database only, not the evidence store")
    .option("--pg-bin <dir>", "directory holding pg_dump (default: the newest installed)")
    .action(async (file: string, o: Options) => {
      const filesArchive = dataFilesArchivePath(file);
      if (o.files && existsSync(filesArchive)) throw new AppError("CONFLICT", `${filesArchive} already exists: choose a new file name.`);
      const database = await openAppDatabase();
      try {
        const dump = await backupDatabase({ databaseUrl: database.url, file, pgBin: o.pgBin, passwordHint: database.passwordHint });
        io.out(`database: ${dump.file} (${mb(dump.bytes)}; pg_dump ${dump.pgDump.major} of a PostgreSQL ${dump.serverMajor} server)`);
      } finally {
        await database.close();
      }
      if (o.files) {
        // After the dump: every file its rows point at is already on disk (lib/ops/backup-data-files.ts).
        const files = await backupDataFiles(env.TRAILBENCH_DATA_DIR, filesArchive);
        io.out(`files: ${files.file} (${mb(files.bytes)}; ${files.entries.join(", ") || "nothing yet"} from ${env.TRAILBENCH_DATA_DIR})`);
        if (files.changedWhileRead) io.out("note: some evidence packs grew while being archived (an ingest was running); the bytes the dump refers to are complete.");
      }
      io.out("Keep AUTH_SECRET (or the data directory's auth-secret file) apart from these backups: it decrypts stored S3/API source credentials.");
    });

  program
    .command("restore")
    .description("restore a `trailbench backup` into an empty database (pg_restore) and unpack <file>.files.tar into the data directory")
    .argument("<file>", "the dump written by trailbench backup")
    .option("--no-files", "restore the database only")
    .option("--pg-bin <dir>", "directory holding pg_restore (default: the newest installed)")
    .action(async (file: string, o: Options) => {
      if (!existsSync(file)) throw new AppError("NOT_FOUND", `${file} does not exist.`);
      const filesArchive = dataFilesArchivePath(file);
      if (o.files && !existsSync(filesArchive)) {
        throw new AppError("NOT_FOUND", `${filesArchive} does not exist: restore it too, or pass --no-files to restore the database alone.`);
      }
      const database = await openAppDatabase();
      try {
        const restored = await restoreDatabase({ databaseUrl: database.url, file, pgBin: o.pgBin, passwordHint: database.passwordHint });
        io.out(`database: restored ${file} (pg_restore ${restored.pgRestore.major} into a PostgreSQL ${restored.serverMajor} server)`);
      } finally {
        await database.close();
      }
      if (o.files) {
        await restoreDataFiles(env.TRAILBENCH_DATA_DIR, filesArchive);
        io.out(`files: unpacked ${filesArchive} into ${env.TRAILBENCH_DATA_DIR}`);
      }
      io.out("Start Trailbench as usual: it applies the migrations of a newer release to the restored database.");
    });
}
