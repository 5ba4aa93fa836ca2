import { verify, type KeyObject } from "node:crypto";

const HEX = /^(?:[0-9a-f]{2})+$/i;

/**
 * SHA256withRSA (RSASSA-PKCS1-v1_5 over SHA-256) verification of a hex signature over the UTF-8 data
 * to sign, as the AWS CLI does it. A signature that is not even-length hex fails, with a reason.
 */
export function verifyDigestSignature(dataToSign: string, signatureHex: string, key: KeyObject): { valid: boolean; reason: string | null } {
  if (!HEX.test(signatureHex)) return { valid: false, reason: "the signature is not hexadecimal" };
  let valid: boolean;
  try {
    valid = verify("sha256", Buffer.from(dataToSign, "utf8"), key, Buffer.from(signatureHex, "hex"));
  } catch {
    valid = false;
  }
  return { valid, reason: valid ? null : "the signature does not match the data to sign" };
}
