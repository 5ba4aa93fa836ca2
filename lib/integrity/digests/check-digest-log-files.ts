import { createHash } from "node:crypto";

import type { CloudTrailDigestLogFile } from "@/lib/cloudtrail/cloudtrail-digest";

import type { LogFileEvidence, LogFileInput, LogFileResult } from "./digest-validation-types";
import { inflateEvidence } from "./inflate-evidence";
import { baseName, matchEvidencePath } from "./match-evidence-path";
import type { DigestEvidence } from "./read-digest-evidence";
import { isSameHexHash } from "./same-hex-hash";

type Hashed = { contentSha256: string | null; error: string | null };

/**
 * Checks every log file each digest lists: found in the evidence by S3 key when an evidence path ends
 * with it, else by file name; its SHA-256 over the *uncompressed* content ("Hash the uncompressed
 * contents of the log file", AWS custom-validation guide; the CLI gunzips before hashing) compared with
 * `hashValue`. Returns the per-digest results and the log files some digest lists.
 */
export function checkDigestLogFiles(
  evidence: DigestEvidence[],
  logFiles: LogFileInput[],
): { results: Map<number, LogFileResult[]>; covered: Set<number> } {
  const byName = new Map<string, number[]>();
  logFiles.forEach((file, i) => {
    const name = baseName(file.path.replaceAll("\\", "/"));
    for (const alias of name.endsWith(".gz") ? [name] : [name, `${name}.gz`]) {
      const list = byName.get(alias);
      if (list) list.push(i);
      else byName.set(alias, [i]);
    }
  });
  const hashes = new Map<number, Hashed>();
  const hashOf = (i: number): Hashed => {
    const cached = hashes.get(i);
    if (cached) return cached;
    const hashed = hashLogFile(logFiles[i] as LogFileInput);
    hashes.set(i, hashed);
    return hashed;
  };

  const results = new Map<number, LogFileResult[]>();
  const covered = new Set<number>();
  for (const e of evidence) {
    if (e.digest === null) continue;
    results.set(
      e.index,
      e.digest.logFiles.map((entry) => checkEntry(entry, logFiles, byName, hashOf, covered)),
    );
  }
  return { results, covered };
}

function checkEntry(
  entry: CloudTrailDigestLogFile,
  logFiles: LogFileInput[],
  byName: Map<string, number[]>,
  hashOf: (i: number) => Hashed,
  covered: Set<number>,
): LogFileResult {
  const base = { s3Bucket: entry.s3Bucket ?? null, s3Object: entry.s3Object ?? null, expectedSha256: entry.hashValue ?? null };
  const key = entry.s3Object;
  if (key === undefined || key === "") return { ...base, status: "unchecked", evidence: [], reason: "the digest entry has no s3Object" };
  const matched = (byName.get(baseName(key)) ?? []).flatMap((i) => {
    const how = matchEvidencePath((logFiles[i] as LogFileInput).path, key);
    return how === null ? [] : [{ i, how }];
  });
  const byKey = matched.filter((m) => m.how === "s3-key");
  const taken = byKey.length > 0 ? byKey : matched;
  for (const m of taken) covered.add(m.i);
  if (taken.length === 0) return { ...base, status: "missing", evidence: [], reason: "not in the evidence" };
  if (entry.hashAlgorithm !== undefined && entry.hashAlgorithm !== "SHA-256") {
    return { ...base, status: "unchecked", evidence: [], reason: `hashAlgorithm "${entry.hashAlgorithm}" is not SHA-256` };
  }
  if (entry.hashValue === undefined) return { ...base, status: "unchecked", evidence: [], reason: "the digest entry has no hashValue" };
  const found: LogFileEvidence[] = taken.map(({ i, how }) => {
    const hashed = hashOf(i);
    const matches = isSameHexHash(hashed.contentSha256, entry.hashValue);
    return { path: (logFiles[i] as LogFileInput).path, matchedBy: how, contentSha256: hashed.contentSha256, matches, error: hashed.error };
  });
  const bad = found.find((f) => !f.matches);
  if (bad === undefined) return { ...base, status: "ok", evidence: found, reason: null };
  const actual = bad.contentSha256 === null ? `cannot be inflated (${bad.error})` : `has uncompressed SHA-256 ${bad.contentSha256}`;
  return { ...base, status: "altered", evidence: found, reason: `${bad.path} ${actual}; the digest records ${entry.hashValue}` };
}

function hashLogFile(file: LogFileInput): Hashed {
  if ("contentSha256" in file) return { contentSha256: file.contentSha256.toLowerCase(), error: null };
  const inflated = inflateEvidence(file.bytes);
  if ("error" in inflated) return { contentSha256: null, error: inflated.error };
  return { contentSha256: createHash("sha256").update(inflated.bytes).digest("hex"), error: null };
}
