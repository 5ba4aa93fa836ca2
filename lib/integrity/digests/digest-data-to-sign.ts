import type { CloudTrailDigest } from "@/lib/cloudtrail/cloudtrail-digest";

/**
 * The string CloudTrail signs for a digest ("Recreate the data signing string"):
 *
 *   digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(uncompressed digest)) \n previousDigestSignature
 *
 * The hash is over the *uncompressed* digest file, as the AWS CLI computes it
 * (`hashlib.sha256(inflated_digest)` in awscli/customizations/cloudtrail/validation.py). A null
 * `previousDigestSignature` (the first digest of a chain) is written as the four letters `null`, "to
 * match the Java implementation" (same file). Returns the fields that are missing instead, when any are.
 */
export function buildDigestDataToSign(
  digest: CloudTrailDigest,
  contentSha256: string,
): { dataToSign: string } | { missing: string[] } {
  const missing: string[] = [];
  if (digest.digestEndTime === undefined) missing.push("digestEndTime");
  if (digest.digestS3Bucket === undefined) missing.push("digestS3Bucket");
  if (digest.digestS3Object === undefined) missing.push("digestS3Object");
  if (digest.previousDigestSignature === undefined) missing.push("previousDigestSignature");
  if (missing.length > 0) return { missing };
  const previous = digest.previousDigestSignature ?? "null";
  return {
    dataToSign: `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${contentSha256}\n${previous}`,
  };
}
