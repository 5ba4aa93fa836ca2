import { describe, expect, it } from "vitest";

import { indexPublicKeys } from "./index-public-keys";
import { publicKeyFingerprint } from "./public-key-fingerprint";

/**
 * The sample `list-public-keys` response of the AWS guide "Custom implementations of CloudTrail log
 * file integrity validation": Value (base64 DER) and Fingerprint as AWS printed them. The first two are
 * PKCS#1 RSAPublicKey, the third SubjectPublicKeyInfo.
 */
const AWS_SAMPLE_KEYS = [
  {
    value:
      "MIIBCgKCAQEAn11L2YZ9h7onug2ILi1MWyHiMRsTQjfWE+pHVRLk1QjfWhirG+lpOa8NrwQ/r7Ah5bNL6HepznOU9XTDSfmmnP97mqyc7z/upfZdS/AHhYcGaz7n6Wc/RRBU6VmiPCrAUojuSk6/GjvA8iOPFsYDuBtviXarvuLPlrT9kAd4Lb+rFfR5peEgBEkhlzc5HuWO7S0y+KunqxX6jQBnXGMtxmPBPP0FylgWGNdFtks/4YSKcgqwH0YDcawP9GGGDAeCIqPWIXDLG1jOjRRzWfCmD0iJUkz8vTsn4hq/5ZxRFE7UBAUiVcGbdnDdvVfhF9C3dQiDq3k7adQIziLT0cShgQIDAQAB",
    fingerprint: "8eba5db5bea9b640d1c96a77256fe7f2",
  },
  {
    value:
      "MIIBCgKCAQEApfYL2FiZhpN74LNWVUzhR+VheYhwhYm8w0n5Gf6i95ylW5kBAWKVEmnAQG7BvS5g9SMqFDQx52fW7NWV44IvfJ2xGXT+wT+DgR6ZQ+6yxskQNqV5YcXj4Aa5Zz4jJfsYjDuO2MDTZNIzNvBNzaBJ+r2WIWAJ/Xq54kyF63B6WE38vKuDE7nSd1FqQuEoNBFLPInvgggYe2Ym1Refe2z71wNcJ2kY+q0h1BSHrSM8RWuJIw7MXwF9iQncg9jYzUlNJomozQzAG5wSRfbplcCYNY40xvGd/aAmO0m+Y+XFMrKwtLCwseHPvj843qVno6x4BJN9bpWnoPo9sdsbGoiK3QIDAQAB",
    fingerprint: "8933b39ddc64d26d8e14ffbf6566fee4",
  },
  {
    value:
      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqlzPJbvZJ42UdcmLfPUqXYNfOs6I8lCfao/tOs8CmzPOEdtLWugB9xoIUz78qVHdKIqxbaG4jWHfJBiOSSFBM0lt8cdVo4TnRa7oG9io5pysS6DJhBBAeXsicufsiFJR+wrUNh8RSLxL4k6G1+BhLX20tJkZ/erT97tDGBujAelqseGg3vPZbTx9SMfOLN65PdLFudLP7Gat0Z9p5jw/rjpclKfo9Bfc3heeBxWGKwBBOKnFAaN9V57pOaosCvPKmHd9bg7jsQkI9Xp22IzGLsTFJZYVA3KiTAElDMu80iFXPHEq9hKNbt9e4URFam+1utKVEiLkR2disdCmPTK0VQIDAQAB",
    fingerprint: "31e8b5433410dfb61a9dc45cc65b22ff",
  },
];

describe("publicKeyFingerprint", () => {
  it("is the hex MD5 of the DER bytes, as in AWS's own list-public-keys sample", () => {
    expect(AWS_SAMPLE_KEYS.map((k) => publicKeyFingerprint(Buffer.from(k.value, "base64")))).toEqual(AWS_SAMPLE_KEYS.map((k) => k.fingerprint));
  });
});

describe("indexPublicKeys", () => {
  it("loads PKCS#1 and SubjectPublicKeyInfo DER keys under their fingerprints", () => {
    const { keys, problems } = indexPublicKeys(
      AWS_SAMPLE_KEYS.map((k) => ({ fingerprint: k.fingerprint, der: Buffer.from(k.value, "base64"), validFrom: new Date(1436317441_000), validTo: null })),
    );
    expect(problems).toEqual([]);
    expect([...keys.keys()]).toEqual(AWS_SAMPLE_KEYS.map((k) => k.fingerprint));
    expect([...keys.values()].map((k) => [k.key.asymmetricKeyType, k.key.asymmetricKeyDetails?.modulusLength])).toEqual([
      ["rsa", 2048], ["rsa", 2048], ["rsa", 2048],
    ]);
  });
});
