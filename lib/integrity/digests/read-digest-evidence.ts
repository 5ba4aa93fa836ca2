import { createHash } from "node:crypto";

import { isCloudTrailDigest, toCloudTrailDigest, type CloudTrailDigest } from "@/lib/cloudtrail/cloudtrail-digest";

import type { DigestInput } from "./digest-validation-types";
import { inflateEvidence } from "./inflate-evidence";
import { parseDigestS3Key, type DigestS3Key } from "./parse-digest-s3-key";

/** One digest evidence file, read: its uncompressed hash, its parsed content, or why it is unreadable. */
export type DigestEvidence = {
  index: number;
  input: DigestInput;
  duplicatePaths: string[];
  /** SHA-256 of the uncompressed bytes (null when they cannot be inflated). */
  contentSha256: string | null;
  digest: CloudTrailDigest | null;
  unreadable: string | null;
  key: DigestS3Key | null;
  /** digestStartTime / digestEndTime as epoch ms, null when absent or not a time. */
  start: number | null;
  end: number | null;
};

const UTF8 = new TextDecoder("utf-8", { fatal: true });
/** A digest lists one line per log file of an hour: megabytes at most. */
const MAX_DIGEST_BYTES = 64 * 1024 * 1024;

export function readDigestEvidence(input: DigestInput, index: number): DigestEvidence {
  const base = { index, input, duplicatePaths: [], key: null, start: null, end: null, digest: null };
  const inflated = inflateEvidence(input.bytes, MAX_DIGEST_BYTES);
  if ("error" in inflated) return { ...base, contentSha256: null, unreadable: inflated.error };
  const contentSha256 = createHash("sha256").update(inflated.bytes).digest("hex");
  let document: unknown;
  try {
    document = JSON.parse(UTF8.decode(inflated.bytes));
  } catch (error) {
    const what = error instanceof SyntaxError ? "not JSON" : "not valid UTF-8 text";
    return { ...base, contentSha256, unreadable: what };
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return { ...base, contentSha256, unreadable: "not a JSON object" };
  }
  if (!isCloudTrailDigest(document as Record<string, unknown>)) {
    return { ...base, contentSha256, unreadable: "JSON object that is not a CloudTrail digest" };
  }
  const digest = toCloudTrailDigest(document as Record<string, unknown>);
  return {
    ...base,
    contentSha256,
    digest,
    unreadable: null,
    key: digest.digestS3Object === undefined ? null : parseDigestS3Key(digest.digestS3Object),
    start: parseTime(digest.digestStartTime),
    end: parseTime(digest.digestEndTime),
  };
}

function parseTime(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
