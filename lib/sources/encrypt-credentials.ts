// Source credentials (AWS keys an analyst enters for one S3 or LookupEvents source) are stored only as
// AES-256-GCM ciphertext under a key derived (HKDF-SHA256) from AUTH_SECRET, and are never sent back to
// a browser. The web server, the worker and the CLI all hold AUTH_SECRET (the launcher passes it on).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { ZAwsCredentials, type TAwsCredentials, type TEncryptedBlob } from "@/lib/sources/source-spec";

let secret: string | undefined = env.AUTH_SECRET;

/** For processes that load the secret from the data dir (the CLI, the launcher). */
export function setCredentialsSecret(value: string): void {
  secret = value;
}

function key(): Buffer {
  if (!secret) throw new AppError("UNAVAILABLE", "AUTH_SECRET is not available to this process: cannot use stored source credentials.");
  return Buffer.from(hkdfSync("sha256", secret, "trailbench", "source-credentials-v1", 32));
}

export function encryptCredentials(credentials: TAwsCredentials): TEncryptedBlob {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(ZAwsCredentials.parse(credentials)), "utf8"), cipher.final()]);
  return { alg: "aes-256-gcm", iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") };
}

export function decryptCredentials(blob: TEncryptedBlob): TAwsCredentials {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(blob.iv, "base64"));
    decipher.setAuthTag(Buffer.from(blob.tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(blob.data, "base64")), decipher.final()]).toString("utf8");
    return ZAwsCredentials.parse(JSON.parse(plain));
  } catch {
    throw new AppError("INVALID_INPUT", "The stored source credentials cannot be decrypted (was AUTH_SECRET changed?). Enter them again.");
  }
}
