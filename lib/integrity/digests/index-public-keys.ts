import { createPublicKey, type KeyObject } from "node:crypto";

import type { PublicKeyInput } from "./digest-validation-types";
import { publicKeyFingerprint } from "./public-key-fingerprint";

export type IndexedPublicKey = { key: KeyObject; fingerprint: string; validFrom: Date | null; validTo: Date | null };

/**
 * Loads the supplied public keys, indexed by their real fingerprint (MD5 of the DER bytes), so a key
 * file uploaded under the wrong fingerprint can never vouch for a digest that names another key.
 * ListPublicKeys returns PKCS#1 RSAPublicKey DER; SubjectPublicKeyInfo DER is accepted too.
 */
export function indexPublicKeys(inputs: PublicKeyInput[]): { keys: Map<string, IndexedPublicKey>; problems: string[] } {
  const keys = new Map<string, IndexedPublicKey>();
  const problems: string[] = [];
  for (const input of inputs) {
    const claimed = input.fingerprint.toLowerCase();
    const fingerprint = publicKeyFingerprint(input.der);
    const key = loadRsaPublicKey(input.der);
    if (key === null) {
      problems.push(`public key ${claimed} is not a DER RSA public key (PKCS#1 or SubjectPublicKeyInfo); ignored`);
      continue;
    }
    if (claimed !== fingerprint) {
      problems.push(`public key supplied as ${claimed} has fingerprint ${fingerprint} (MD5 of its DER bytes); used as ${fingerprint}`);
    }
    keys.set(fingerprint, { key, fingerprint, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null });
  }
  return { keys, problems };
}

function loadRsaPublicKey(der: Buffer): KeyObject | null {
  for (const type of ["pkcs1", "spki"] as const) {
    try {
      const key = createPublicKey({ key: der, format: "der", type });
      if (key.asymmetricKeyType === "rsa") return key;
    } catch {
      // try the next encoding
    }
  }
  return null;
}
