// What of the data directory a backup must carry besides the database (lib/env.js TRAILBENCH_DATA_DIR):
// the evidence store (verbatim evidence files and packs, which evidence_files rows point at by sha256 or
// pack + offset) and the IP databases an administrator uploaded. Not carried: pg/ (the embedded
// cluster's files; the dump is the database), embedded-postgres.json (that cluster's password),
// auth-secret (a key: keep it, or AUTH_SECRET, apart from the backups; see the README), uploads/
// (unfinished browser uploads) and evidence/tmp (files being written).
export const DATA_FILE_ENTRIES = ["evidence", "ip-data"] as const;
export const DATA_FILE_EXCLUDES = ["evidence/tmp"] as const;

/** The files archive written beside a database dump. */
export function dataFilesArchivePath(dumpFile: string): string {
  return `${dumpFile}.files.tar`;
}
