import { readFile, stat } from "node:fs/promises";

import { inspectMmdb, type MmdbType } from "./inspect-mmdb";

export type MmdbValidation =
  | { ok: true; type: MmdbType; buildDate: Date; databaseType: string }
  | { ok: false; reason: string };

/** A country or ASN MMDB is tens of MB; a city database is about 130 MB. */
export const MAX_MMDB_BYTES = 512 * 1024 * 1024;

/**
 * Checks an uploaded MaxMind DB file before it replaces the shipped data: readable, a binary
 * format 2 MMDB, and answering well-known public addresses with country or ASN records.
 * Never throws; `reason` is safe to show to the admin (it names no path).
 */
export async function validateMmdb(path: string): Promise<MmdbValidation> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: "not a regular file" };
    if (info.size === 0) return { ok: false, reason: "the file is empty" };
    if (info.size > MAX_MMDB_BYTES) return { ok: false, reason: `the file is larger than ${MAX_MMDB_BYTES / 1024 / 1024} MB` };
    const result = inspectMmdb(await readFile(path));
    if (!result.ok) return result;
    return { ok: true, type: result.type, buildDate: result.buildDate, databaseType: result.databaseType };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: code === "ENOENT" ? "the file does not exist" : "the file cannot be read" };
  }
}
