import { buildDigestDataToSign } from "./digest-data-to-sign";
import type { SignatureCheck, SignatureSource } from "./digest-validation-types";
import type { IndexedPublicKey } from "./index-public-keys";
import type { DigestEvidence } from "./read-digest-evidence";
import { verifyDigestSignature } from "./verify-digest-signature";

const ALGORITHM = "SHA256withRSA";

export const NO_SIGNATURE = "no signature metadata (not ingested from S3), and no later digest in the evidence records its signature";

type Candidate = { source: SignatureSource; hex: string; describe: string };

/**
 * Verifies a digest's SHA256withRSA signature, from either place it can be found: the S3 object
 * metadata (`x-amz-meta-signature`), or the next digest's previousDigestSignature — the AWS guide's
 * offline route ("for previous digest files … the signature is provided in the previousDigestSignature
 * field"), which proves every digest of an uploaded chain but its newest. Any candidate that verifies
 * proves the digest (a valid RSA signature cannot be forged); when none can be tried, every missing
 * ingredient is named.
 */
export function checkDigestSignature(
  evidence: DigestEvidence,
  recorded: { hex: string; byPath: string } | null,
  keys: Map<string, IndexedPublicKey>,
): { check: SignatureCheck; notes: string[] } {
  const digest = evidence.digest;
  if (digest === null || evidence.contentSha256 === null) return { check: { status: "unchecked", reasons: ["the digest cannot be read"] }, notes: [] };
  const reasons: string[] = [];
  const candidates: Candidate[] = [];
  const skipped: string[] = [];
  const metadata = evidence.input.signature;
  if (metadata) {
    if (metadata.algorithm === ALGORITHM) candidates.push({ source: "s3-metadata", hex: metadata.hex, describe: "the S3 metadata signature" });
    else skipped.push(`S3 metadata signature algorithm "${metadata.algorithm}" is not supported (only ${ALGORITHM})`);
  }
  if (recorded !== null) {
    candidates.push({ source: "next-digest", hex: recorded.hex, describe: `the signature recorded as previousDigestSignature in ${recorded.byPath}` });
  }
  if (candidates.length === 0) reasons.push(...(metadata ? skipped : [NO_SIGNATURE]));
  if (digest.digestSignatureAlgorithm !== undefined && digest.digestSignatureAlgorithm !== ALGORITHM) {
    reasons.push(`digestSignatureAlgorithm "${digest.digestSignatureAlgorithm}" is not supported (only ${ALGORITHM})`);
  }
  const fingerprint = digest.digestPublicKeyFingerprint?.toLowerCase();
  const key = fingerprint === undefined ? undefined : keys.get(fingerprint);
  if (fingerprint === undefined) reasons.push("the digest has no digestPublicKeyFingerprint");
  else if (key === undefined) reasons.push(`public key ${fingerprint} not available`);
  const data = buildDigestDataToSign(digest, evidence.contentSha256);
  if ("missing" in data) reasons.push(`the digest has no ${data.missing.join(", ")} (needed in the data to sign)`);
  if (reasons.length > 0 || key === undefined || fingerprint === undefined || "missing" in data) {
    return { check: { status: "unchecked", reasons }, notes: [] };
  }

  const notes = [...skipped, ...validityNotes(key, evidence.end)];
  const failures: string[] = [];
  let valid: Candidate | null = null;
  for (const candidate of candidates) {
    const result = verifyDigestSignature(data.dataToSign, candidate.hex, key.key);
    if (result.valid) valid ??= candidate;
    else failures.push(`${candidate.describe} does not verify with public key ${fingerprint}: ${result.reason}`);
  }
  if (valid === null) return { check: { status: "invalid", fingerprint, reasons: failures }, notes };
  return { check: { status: "valid", source: valid.source, fingerprint }, notes: [...notes, ...failures] };
}

function validityNotes(key: IndexedPublicKey, end: number | null): string[] {
  if (end === null) return [];
  const before = key.validFrom !== null && end < key.validFrom.getTime();
  const after = key.validTo !== null && end > key.validTo.getTime();
  if (!before && !after) return [];
  return [`digestEndTime lies outside the validity of public key ${key.fingerprint} (${key.validFrom?.toISOString() ?? "…"} to ${key.validTo?.toISOString() ?? "…"})`];
}
