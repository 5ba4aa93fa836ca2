/**
 * A CloudTrail digest file (log file integrity validation), as documented in
 * "CloudTrail digest file structure". Fields are optional because the file is untrusted input;
 * `toCloudTrailDigest` guarantees that every documented field present has the documented type, so
 * consumers can rely on these types. Undocumented extra fields are kept as `unknown`.
 *
 * The signature covers the raw digest *bytes* (via their SHA-256), not this parsed object, so
 * verification must work from the evidence file, never from a re-serialisation of this.
 */
export type CloudTrailDigest = {
  awsAccountId?: string;
  digestStartTime?: string;
  digestEndTime?: string;
  digestS3Bucket?: string;
  digestS3Object?: string;
  digestPublicKeyFingerprint?: string;
  digestSignatureAlgorithm?: string;
  newestEventTime?: string | null;
  oldestEventTime?: string | null;
  /** The previous-digest fields are null in the first digest of a trail (or after logging restarted). */
  previousDigestS3Bucket?: string | null;
  previousDigestS3Object?: string | null;
  previousDigestHashValue?: string | null;
  previousDigestHashAlgorithm?: string | null;
  previousDigestSignature?: string | null;
  /** Always an array after `toCloudTrailDigest`; entries that were not objects are dropped. */
  logFiles: CloudTrailDigestLogFile[];
  [extra: string]: unknown;
};

export type CloudTrailDigestLogFile = {
  s3Bucket?: string;
  s3Object?: string;
  hashValue?: string;
  hashAlgorithm?: string;
  newestEventTime?: string;
  oldestEventTime?: string;
  [extra: string]: unknown;
};

const DIGEST_STRING_FIELDS = [
  "awsAccountId",
  "digestStartTime",
  "digestEndTime",
  "digestS3Bucket",
  "digestS3Object",
  "digestPublicKeyFingerprint",
  "digestSignatureAlgorithm",
] as const;

const DIGEST_NULLABLE_FIELDS = [
  "newestEventTime",
  "oldestEventTime",
  "previousDigestS3Bucket",
  "previousDigestS3Object",
  "previousDigestHashValue",
  "previousDigestHashAlgorithm",
  "previousDigestSignature",
] as const;

const LOG_FILE_STRING_FIELDS = [
  "s3Bucket",
  "s3Object",
  "hashValue",
  "hashAlgorithm",
  "newestEventTime",
  "oldestEventTime",
] as const;

/** True when a parsed JSON object is shaped like a digest file rather than events. */
export function isCloudTrailDigest(value: Record<string, unknown>): boolean {
  const hasWindow = value.digestStartTime !== undefined && value.digestEndTime !== undefined;
  const hasSignature = value.digestPublicKeyFingerprint !== undefined || value.digestSignatureAlgorithm !== undefined;
  return hasWindow || (Array.isArray(value.logFiles) && (hasSignature || value.digestStartTime !== undefined));
}

/** Copy of a parsed digest object with mistyped documented fields removed (see `CloudTrailDigest`). */
export function toCloudTrailDigest(value: Record<string, unknown>): CloudTrailDigest {
  // Object.fromEntries defines properties, so a "__proto__" key stays an ordinary property.
  const digest = Object.fromEntries(Object.entries(value)) as Record<string, unknown>;
  for (const field of DIGEST_STRING_FIELDS) {
    if (field in digest && typeof digest[field] !== "string") delete digest[field];
  }
  for (const field of DIGEST_NULLABLE_FIELDS) {
    if (field in digest && digest[field] !== null && typeof digest[field] !== "string") delete digest[field];
  }
  const files = Array.isArray(value.logFiles) ? (value.logFiles as unknown[]) : [];
  const logFiles: CloudTrailDigestLogFile[] = [];
  for (const file of files) {
    if (typeof file !== "object" || file === null || Array.isArray(file)) continue;
    const copy = Object.fromEntries(Object.entries(file)) as Record<string, unknown>;
    for (const field of LOG_FILE_STRING_FIELDS) {
      if (field in copy && typeof copy[field] !== "string") delete copy[field];
    }
    logFiles.push(copy as CloudTrailDigestLogFile);
  }
  digest.logFiles = logFiles;
  return digest as CloudTrailDigest;
}
