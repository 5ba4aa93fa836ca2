/**
 * Inputs and report of CloudTrail digest validation (log file integrity validation, as documented in
 * "CloudTrail digest file structure" and "Custom implementations of CloudTrail log file integrity
 * validation"). Everything here is plain data: the report goes to the database, the CLI's --json and
 * pages as it is. Every string in it that comes from a digest or a path is attacker-controlled.
 */

/** One digest file of the evidence. */
export type DigestInput = {
  /** Evidence path: the relative path inside the upload or archive, or the S3 key for S3 pulls. */
  path: string;
  /** The bytes as stored (gzipped as delivered, or already inflated by a browser or `gunzip`). */
  bytes: Buffer;
  /**
   * The digest's own signature, from the S3 object metadata `x-amz-meta-signature` (hex) and
   * `x-amz-meta-signature-algorithm`. Absent or null when the digest was not pulled from S3.
   */
  signature?: { hex: string; algorithm: string } | null;
};

/**
 * One CloudTrail log (delivery) file of the evidence. A digest's `hashValue` is the SHA-256 of the
 * *uncompressed* log file, so give either the bytes as stored (inflated here when gzipped) or that
 * hash, computed while ingesting, to avoid holding every file in memory.
 */
export type LogFileInput = { path: string; bytes: Buffer } | { path: string; contentSha256: string };

/**
 * A CloudTrail public key: `Value` and `Fingerprint` of ListPublicKeys (DER, PKCS#1 RSAPublicKey or
 * SubjectPublicKeyInfo), or a key file an administrator uploaded. The fingerprint is the hex MD5 of
 * the DER bytes; a key whose bytes do not hash to its fingerprint is indexed under its real one.
 */
export type PublicKeyInput = { fingerprint: string; der: Buffer; validFrom?: Date | null; validTo?: Date | null };

export type ValidateDigestsInput = {
  digests: DigestInput[];
  logFiles: LogFileInput[];
  publicKeys: PublicKeyInput[];
};

export type SignatureSource = "s3-metadata" | "next-digest";

export type SignatureCheck =
  | { status: "valid"; source: SignatureSource; fingerprint: string }
  | { status: "invalid"; fingerprint: string; reasons: string[] }
  /** Which check was not possible and why, one sentence per missing ingredient. */
  | { status: "unchecked"; reasons: string[] };

export type ChainLink =
  /** previousDigestS3Object names a digest of the evidence. */
  | { status: "linked"; previousPath: string }
  /** The previous-digest fields are null: the first digest, or logging/validation was (re)started. */
  | { status: "chain-start" }
  /** The previous digest is not in the evidence although earlier digests of the same trail are. */
  | { status: "previous-missing"; previousS3Object: string }
  /** The previous digest is not in the evidence, and neither is anything earlier of this trail. */
  | { status: "previous-before-evidence"; previousS3Object: string }
  | { status: "unreadable" };

/** Worst first: a digest reports the worst of its checks. */
export const DIGEST_STATUSES = [
  "altered",
  "signature-invalid",
  "unreadable",
  "chain-broken",
  "signature-unchecked",
  "ok",
] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];

export type LogFileEvidence = {
  path: string;
  matchedBy: "s3-key" | "file-name";
  /** SHA-256 of the uncompressed content; null when it could not be inflated. */
  contentSha256: string | null;
  matches: boolean;
  error: string | null;
};

export type LogFileResult = {
  s3Bucket: string | null;
  s3Object: string | null;
  expectedSha256: string | null;
  /** unchecked: the digest entry itself cannot be checked (no s3Object, no hashValue, other algorithm). */
  status: "ok" | "missing" | "altered" | "unchecked";
  /** Every evidence file taken for this entry (a file uploaded twice appears twice). */
  evidence: LogFileEvidence[];
  reason: string | null;
};

export type DigestResult = {
  path: string;
  /** Other evidence files with the same content (the same digest ingested twice). */
  duplicatePaths: string[];
  s3Bucket: string | null;
  s3Object: string | null;
  account: string | null;
  region: string | null;
  trailName: string | null;
  backfill: boolean;
  startTime: string | null;
  endTime: string | null;
  /** SHA-256 of the uncompressed digest, the value CloudTrail signs and chains. */
  contentSha256: string | null;
  status: DigestStatus;
  /** Every failed check, one exact sentence each. */
  problems: string[];
  /** Facts worth knowing that are not failures. */
  notes: string[];
  signature: SignatureCheck;
  chain: ChainLink;
  logFiles: LogFileResult[];
};

export type MissingDigest = {
  account: string | null;
  region: string | null;
  trailName: string | null;
  s3Bucket: string | null;
  /** Named by the next digest (detectedBy chain-pointer) or predicted from the hour (time-gap); null if unpredictable. */
  s3Object: string | null;
  predicted: boolean;
  detectedBy: "chain-pointer" | "time-gap";
  /** True when nothing earlier of this trail is in the evidence: the evidence may simply start here. */
  beforeEvidence: boolean;
  /** Hourly digests this entry stands for: 1, except the tail of a run longer than a week (s3Object null). */
  hours: number;
  windowStart: string | null;
  windowEnd: string | null;
  /** Path of the digest whose chain reveals the gap. */
  referencedBy: string;
  reason: string;
};

export type ChainStart = {
  path: string;
  /** digestStartTime of the digest that starts the chain. */
  at: string | null;
  /** The latest earlier digest of the same trail in the evidence, if any (the chain restarted after it). */
  afterPath: string | null;
  gapStart: string | null;
  gapEnd: string | null;
  description: string;
};

export type UnverifiableLogFile = { path: string; reason: string };

export type DigestValidationSummary = {
  digests: Record<DigestStatus, number>;
  logFiles: { ok: number; missing: number; altered: number; unchecked: number };
  /** Missing hourly digests inside the evidence, summing `hours` (those before it, `beforeEvidence`, are listed but not counted). */
  missingDigests: number;
  unverifiableLogFiles: number;
  chainStarts: number;
};

export type DigestValidationReport = {
  /** fail: tampering or loss shown; unknown: nothing shown but something could not be checked; pass: all proven. */
  result: "pass" | "fail" | "unknown";
  summary: DigestValidationSummary;
  digests: DigestResult[];
  missingDigests: MissingDigest[];
  chainStarts: ChainStart[];
  unverifiableLogFiles: UnverifiableLogFile[];
  /** Supplied public keys that could not be used as given. */
  publicKeyProblems: string[];
};
