import { createPublicKey } from "node:crypto";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publicKeyFingerprint } from "@/lib/integrity/digests/public-key-fingerprint";

/**
 * Stores a CloudTrail public key (DER, PKCS#1 or SubjectPublicKeyInfo; or PEM) for digest signature
 * checks. Its fingerprint is computed here (hex MD5 of the DER bytes, as CloudTrail names keys), so a
 * key can never be filed under another key's fingerprint. Operator-level (CLI), not per case: keys are public.
 */
export async function unsafeAddCloudTrailPublicKey(input: { bytes: Buffer; source: string; validFrom?: Date | null; validTo?: Date | null }): Promise<{ fingerprint: string }> {
  let der = input.bytes;
  const text = input.bytes.toString("latin1");
  if (text.includes("-----BEGIN")) {
    try {
      der = createPublicKey(text).export({ type: "pkcs1", format: "der" });
    } catch {
      throw new AppError("INVALID_INPUT", "Not a readable PEM public key.");
    }
  } else {
    try {
      createPublicKey({ key: der, format: "der", type: "pkcs1" });
    } catch {
      try {
        createPublicKey({ key: der, format: "der", type: "spki" });
      } catch {
        throw new AppError("INVALID_INPUT", "Not a DER RSA public key (PKCS#1 or SubjectPublicKeyInfo).");
      }
    }
  }
  const fingerprint = publicKeyFingerprint(der);
  await getPool().query(
    `INSERT INTO cloudtrail_public_keys (fingerprint, der, valid_from, valid_to, source) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (fingerprint) DO UPDATE SET valid_from = coalesce(EXCLUDED.valid_from, cloudtrail_public_keys.valid_from),
       valid_to = coalesce(EXCLUDED.valid_to, cloudtrail_public_keys.valid_to)`,
    [fingerprint, der, input.validFrom ?? null, input.validTo ?? null, input.source],
  );
  return { fingerprint };
}
