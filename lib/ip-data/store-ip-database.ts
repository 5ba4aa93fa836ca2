import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { validateMmdb, MAX_MMDB_BYTES } from "@/lib/context/validate-mmdb";
import { AppError } from "@/lib/errors";
import { EvidenceTooLargeError, streamToFile } from "@/lib/evidence/evidence-store";
import { ipDataFile, type IpDataKind } from "@/lib/ip-data/ip-data-files";
import type { PublicUser } from "@/lib/users/create-user";

export const IP_DATA_KINDS: readonly IpDataKind[] = ["country", "asn"];

/**
 * An administrator replaces the shipped country or ASN data with a newer MaxMind DB file. The upload is
 * streamed to a temporary file, validated (a usable MMDB of the expected kind), then moved into place
 * atomically; a bad file is refused with the reason and the current data stays. Ingest runs started
 * afterwards use it (lib/ingest/event-context.ts checks for a newer file). Anyone else gets NOT_FOUND.
 */
export async function storeIpDatabase(
  user: PublicUser,
  kind: string | null,
  body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | null,
  dataDir?: string,
): Promise<{ kind: IpDataKind; buildDate: string; databaseType: string }> {
  if (user.role !== "admin") throw new AppError("NOT_FOUND");
  if (kind !== "country" && kind !== "asn") throw new AppError("INVALID_INPUT", 'Say which database this is: kind "country" or "asn".');
  if (!body) throw new AppError("INVALID_INPUT", "The upload is empty.");
  const target = ipDataFile(kind, dataDir);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.upload`;
  try {
    try {
      await streamToFile(Readable.fromWeb(body as WebReadableStream<Uint8Array>), temp, MAX_MMDB_BYTES);
    } catch (err) {
      if (err instanceof EvidenceTooLargeError) throw new AppError("TOO_LARGE", `The file is larger than ${MAX_MMDB_BYTES / 1024 / 1024} MB.`);
      throw err;
    }
    const checked = await validateMmdb(temp);
    if (!checked.ok) throw new AppError("INVALID_INPUT", `Not a usable IP database: ${checked.reason}.`);
    if (checked.type !== kind) throw new AppError("INVALID_INPUT", `This is ${checked.type === "asn" ? "an ASN" : "a country"} database, not ${kind === "asn" ? "an ASN" : "a country"} one.`);
    await rename(temp, target);
    return { kind, buildDate: checked.buildDate.toISOString(), databaseType: checked.databaseType };
  } finally {
    await rm(temp, { force: true });
  }
}
