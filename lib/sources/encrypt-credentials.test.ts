import { describe, expect, it } from "vitest";
import { decryptCredentials, encryptCredentials, setCredentialsSecret } from "@/lib/sources/encrypt-credentials";

const creds = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

describe("source credential encryption", () => {
  it("round-trips, never stores the secret in clear, and uses a fresh IV each time", () => {
    setCredentialsSecret("a".repeat(48));
    const a = encryptCredentials(creds);
    const b = encryptCredentials(creds);
    expect(decryptCredentials(a)).toEqual(creds);
    expect(JSON.stringify(a)).not.toContain("wJalrXUtnFEMI");
    expect(JSON.stringify(a)).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(a.iv).not.toBe(b.iv);
  });
  it("refuses tampered ciphertext and a changed secret with a clear message", () => {
    setCredentialsSecret("a".repeat(48));
    const blob = encryptCredentials(creds);
    const flipped = Buffer.from(blob.data, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptCredentials({ ...blob, data: flipped.toString("base64") })).toThrow("cannot be decrypted");
    setCredentialsSecret("b".repeat(48));
    expect(() => decryptCredentials(blob)).toThrow("was AUTH_SECRET changed?");
  });
});
