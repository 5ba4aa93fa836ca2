import { createHash } from "node:crypto";

/**
 * CloudTrail's fingerprint of a public key: the hex MD5 of its DER bytes exactly as ListPublicKeys
 * returns them. Checked against the three keys of the AWS "custom validation" guide (two PKCS#1, one
 * SubjectPublicKeyInfo), see public-key-fingerprint.test.ts.
 */
export function publicKeyFingerprint(der: Buffer): string {
  return createHash("md5").update(der).digest("hex");
}
