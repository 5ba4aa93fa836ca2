import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import {
  ACCOUNT,
  buildLogFile,
  buildSignedDigestChain,
  digestInputs,
  FIRST_START,
  iso,
  logFileInputs,
  makeTestKey,
  publicKeyInput,
  sha256,
  type BuiltDigest,
} from "./__test-helpers__/build-signed-digest-chain";
import type { DigestValidationReport } from "./digest-validation-types";
import { validateDigests } from "./validate-digests";

const HOUR = 3_600_000;
const NO_MATCH = "the signature does not match the data to sign";

const aws = makeTestKey();
const attacker = makeTestKey();
const chain = buildSignedDigestChain({ signer: aws });
const [d0, d1, d2, d3, d4] = chain as [BuiltDigest, BuiltDigest, BuiltDigest, BuiltDigest, BuiltDigest];

const statuses = (r: DigestValidationReport) => r.digests.map((d) => [d.path, d.status]);
const byPath = (r: DigestValidationReport, path: string) => {
  const found = r.digests.find((d) => d.path === path);
  if (!found) throw new Error(`no result for ${path}`);
  return found;
};

/** d2 rewritten to vouch for a forged log file (its first), re-gzipped; the attacker cannot re-sign it. */
function alterD2() {
  const forgedLog = d2.logFiles[0]!.content.replace("GetCallerIdentity", "DeleteTrail");
  const parsed = JSON.parse(d2.json) as { logFiles: { hashValue: string }[] };
  parsed.logFiles[0]!.hashValue = sha256(forgedLog);
  const json = JSON.stringify(parsed);
  const digests = digestInputs(chain).map((d) => (d.path === d2.path ? { ...d, bytes: gzipSync(json) } : d));
  const logFiles = logFileInputs(chain).map((f) => (f.path === d2.logFiles[0]!.path ? { path: f.path, bytes: gzipSync(forgedLog) } : f));
  return { json, digests, logFiles };
}

describe("validateDigests: an altered digest", () => {
  it("is caught by the next digest's hash and by both signatures, even when it vouches for a forged log file", () => {
    const { json, digests, logFiles } = alterD2();
    const report = validateDigests({ digests, logFiles, publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("fail");
    expect(statuses(report)).toEqual([[d0.path, "ok"], [d1.path, "ok"], [d2.path, "altered"], [d3.path, "ok"], [d4.path, "ok"]]);
    const signatureFailures = [
      `the S3 metadata signature does not verify with public key ${aws.fingerprint}: ${NO_MATCH}`,
      `the signature recorded as previousDigestSignature in ${d3.path} does not verify with public key ${aws.fingerprint}: ${NO_MATCH}`,
    ];
    expect(byPath(report, d2.path)).toMatchObject({
      contentSha256: sha256(json),
      problems: [`content SHA-256 ${sha256(json)} differs from previousDigestHashValue ${sha256(d2.json)} recorded in ${d3.path}`, ...signatureFailures],
      signature: { status: "invalid", fingerprint: aws.fingerprint, reasons: signatureFailures },
      notes: [],
    });
    // The forged log file matches the forged hash: only the digest's own checks expose it.
    expect(byPath(report, d2.path).logFiles.map((f) => f.status)).toEqual(["ok", "ok"]);
  });

  it("blames the newest digest, not its verified predecessor, when only its previousDigestHashValue was changed", () => {
    const parsed = JSON.parse(d4.json) as { previousDigestHashValue: string };
    const wrong = sha256("something else");
    parsed.previousDigestHashValue = wrong;
    const digests = digestInputs(chain, false).map((d) => (d.path === d4.path ? { ...d, bytes: gzipSync(JSON.stringify(parsed)) } : d));
    const report = validateDigests({ digests, logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)] });
    expect(statuses(report)).toEqual([[d0.path, "ok"], [d1.path, "ok"], [d2.path, "ok"], [d3.path, "ok"], [d4.path, "altered"]]);
    expect(byPath(report, d3.path).signature).toEqual({ status: "valid", source: "next-digest", fingerprint: aws.fingerprint });
    expect(byPath(report, d4.path).problems).toEqual([
      `its previousDigestHashValue ${wrong} does not match the SHA-256 ${sha256(d3.json)} of ${d3.path}, whose signature verifies`,
    ]);
  });

  it("is caught by the chain hash alone when no public key is available", () => {
    const { json, digests, logFiles } = alterD2();
    const report = validateDigests({ digests, logFiles, publicKeys: [] });
    expect(byPath(report, d2.path)).toMatchObject({
      status: "altered",
      problems: [`content SHA-256 ${sha256(json)} differs from previousDigestHashValue ${sha256(d2.json)} recorded in ${d3.path}`],
      signature: { status: "unchecked", reasons: [`public key ${aws.fingerprint} not available`] },
    });
    expect(report.result).toBe("fail");
  });

  it("reports a digest that cannot be inflated and that the next digest names as altered and unreadable", () => {
    const digests = digestInputs(chain).map((d) => (d.path === d2.path ? { ...d, bytes: d.bytes.subarray(0, 30) } : d));
    const report = validateDigests({ digests, logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)] });
    expect(byPath(report, d2.path)).toMatchObject({
      status: "altered",
      problems: [`named as previous digest by ${d3.path} but cannot be read: corrupt gzip: unexpected end of file`, "unreadable: corrupt gzip: unexpected end of file"],
      chain: { status: "unreadable" },
      signature: { status: "unchecked", reasons: ["the digest cannot be read"] },
      logFiles: [],
    });
    expect(byPath(report, d3.path).chain).toEqual({ status: "linked", previousPath: d2.path });
    expect(report.unverifiableLogFiles.map((u) => [u.path, u.reason])).toEqual(
      d2.logFiles.map((f) => [f.path, `not listed in any digest, although the digests in the evidence for account ${ACCOUNT}, region us-east-1 cover its time`]),
    );
  });
});

describe("validateDigests: public keys", () => {
  it("says which key is missing when only another key is supplied", () => {
    const report = validateDigests({ digests: digestInputs(chain), logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(attacker)] });
    expect(report.digests.map((d) => d.signature)).toEqual(chain.map(() => ({ status: "unchecked", reasons: [`public key ${aws.fingerprint} not available`] })));
    expect(report.result).toBe("unknown");
  });

  it("never lets a key file uploaded under the right fingerprint but holding another key vouch for the digests", () => {
    const report = validateDigests({
      digests: digestInputs(chain), logFiles: logFileInputs(chain), publicKeys: [{ fingerprint: aws.fingerprint.toUpperCase(), der: attacker.der }],
    });
    expect(report.publicKeyProblems).toEqual([
      `public key supplied as ${aws.fingerprint} has fingerprint ${attacker.fingerprint} (MD5 of its DER bytes); used as ${attacker.fingerprint}`,
    ]);
    expect(new Set(report.digests.map((d) => d.status))).toEqual(new Set(["signature-unchecked"]));
  });

  it("reports digests signed with another private key under the real key's fingerprint as signature-invalid", () => {
    const forged = buildSignedDigestChain({ signer: attacker, fingerprint: aws.fingerprint });
    const report = validateDigests({ digests: digestInputs(forged), logFiles: logFileInputs(forged), publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("fail");
    expect(statuses(report)).toEqual(forged.map((d) => [d.path, "signature-invalid"]));
    expect(report.digests.at(-1)?.problems).toEqual([`the S3 metadata signature does not verify with public key ${aws.fingerprint}: ${NO_MATCH}`]);
    expect(report.digests[0]?.problems).toEqual([
      `the S3 metadata signature does not verify with public key ${aws.fingerprint}: ${NO_MATCH}`,
      `the signature recorded as previousDigestSignature in ${forged[1]!.path} does not verify with public key ${aws.fingerprint}: ${NO_MATCH}`,
    ]);
  });

  it("names a supplied key that is not a DER RSA public key and a signature that is not hex", () => {
    const digests = digestInputs(chain).map((d) => (d.path === d4.path ? { ...d, signature: { hex: "zz-not-hex", algorithm: "SHA256withRSA" } } : d));
    const report = validateDigests({ digests, logFiles: [], publicKeys: [publicKeyInput(aws), { fingerprint: "00ff", der: Buffer.from("not a key") }] });
    expect(report.publicKeyProblems).toEqual(["public key 00ff is not a DER RSA public key (PKCS#1 or SubjectPublicKeyInfo); ignored"]);
    expect(byPath(report, d4.path).problems).toEqual([`the S3 metadata signature does not verify with public key ${aws.fingerprint}: the signature is not hexadecimal`]);
  });

  it("says when the S3 metadata names an algorithm other than SHA256withRSA", () => {
    const digests = digestInputs([d4]).map((d) => ({ ...d, signature: { hex: d4.signatureHex, algorithm: "SHA1withRSA" } }));
    const report = validateDigests({ digests, logFiles: [], publicKeys: [publicKeyInput(aws)] });
    expect(report.digests[0]?.signature).toEqual({ status: "unchecked", reasons: ['S3 metadata signature algorithm "SHA1withRSA" is not supported (only SHA256withRSA)'] });
  });
});

describe("validateDigests: logging stopped and restarted", () => {
  const restarted = buildSignedDigestChain({ signer: aws, restarts: { 3: 4 } });
  const [r0, , r2, r3] = restarted as [BuiltDigest, BuiltDigest, BuiltDigest, BuiltDigest, BuiltDigest];

  it("reports a chain restart with its time and window, not tampering", () => {
    const pauseLog = buildLogFile(Date.parse(r2.end) + 2 * HOUR, "p1");
    const report = validateDigests({
      digests: digestInputs(restarted),
      logFiles: [...logFileInputs(restarted), { path: pauseLog.path, bytes: pauseLog.bytes }],
      publicKeys: [publicKeyInput(aws)],
    });
    expect(statuses(report)).toEqual(restarted.map((d) => [d.path, "ok"]));
    expect(r3.start).toBe(iso(Date.parse(r2.end) + 4 * HOUR));
    expect(byPath(report, r3.path).chain).toEqual({ status: "chain-start" });
    expect(report.missingDigests).toEqual([]);
    expect(report.chainStarts).toEqual([
      expect.objectContaining({ path: r0.path, afterPath: null }),
      {
        path: r3.path, at: r3.start, afterPath: r2.path, gapStart: r2.end, gapEnd: r3.start,
        description: `the digest chain restarted at ${r3.start} after ${r2.end}: logging or log file validation was off in between (StopLogging then StartLogging, or validation disabled), so no digests exist for that window`,
      },
    ]);
    expect(report.unverifiableLogFiles).toEqual([{ path: pauseLog.path, reason: `delivered while the digest chain was interrupted (${r2.end} to ${r3.start})` }]);
    expect(report.result).toBe("unknown");
  });
});

describe("validateDigests: log files no digest covers", () => {
  it("gives each unverifiable log file its precise reason", () => {
    const injected = buildLogFile(FIRST_START + HOUR + 20 * 60_000, "i1");
    const late = buildLogFile(Date.parse(d4.end) + 30 * 60_000, "l1");
    const early = buildLogFile(FIRST_START - 2 * HOUR, "e1");
    const otherRegion = { path: `upload/${ACCOUNT}_CloudTrail_us-west-2_20240301T0110Z_Ab12Cd34Ef56Gh78.json.gz`, bytes: injected.bytes };
    const export_ = { path: "exports/lookup-events.json", bytes: Buffer.from("{}") };
    const report = validateDigests({
      digests: digestInputs(chain),
      logFiles: [...logFileInputs(chain), { path: injected.path, bytes: injected.bytes }, { path: late.path, bytes: late.bytes }, { path: early.path, bytes: early.bytes }, otherRegion, export_],
      publicKeys: [publicKeyInput(aws)],
    });
    const where = `account ${ACCOUNT}, region us-east-1`;
    expect(report.unverifiableLogFiles).toEqual([
      { path: injected.path, reason: `not listed in any digest, although the digests in the evidence for ${where} cover its time` },
      { path: late.path, reason: `delivered after the newest digest in the evidence for ${where} (${d4.end})` },
      { path: early.path, reason: `delivered before the earliest digest in the evidence for ${where} (${d0.start})` },
      { path: otherRegion.path, reason: `no digest in the evidence for account ${ACCOUNT}, region us-west-2` },
      { path: export_.path, reason: "not named like a CloudTrail delivery file (<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz), so no digest can list it" },
    ]);
    expect(report.summary.unverifiableLogFiles).toBe(5);
    expect(report.result).toBe("unknown");
    expect(d1.start).toBe(iso(FIRST_START + HOUR));
  });

  it("with no digest at all, says unknown and why for each log file", () => {
    const report = validateDigests({ digests: [], logFiles: logFileInputs([d0]), publicKeys: [] });
    expect(report.result).toBe("unknown");
    expect(report.unverifiableLogFiles.map((u) => u.reason)).toEqual([
      `no digest in the evidence for account ${ACCOUNT}, region us-east-1`,
      `no digest in the evidence for account ${ACCOUNT}, region us-east-1`,
    ]);
  });

  it("counts a log file listed by a backfill digest as covered, without touching the hourly chain", () => {
    const lateLog = buildLogFile(FIRST_START + 2 * HOUR + 50 * 60_000, "b1");
    const end = iso(Date.parse(d4.end) + 10 * 60_000);
    const s3Object = d4.s3Object.replace(`${d4.end.replaceAll("-", "").replaceAll(":", "")}.json.gz`, `${end.replaceAll("-", "").replaceAll(":", "")}_backfill.json.gz`);
    const backfill = JSON.stringify({
      ...JSON.parse(d4.json),
      digestStartTime: d4.end, digestEndTime: end, digestS3Object: s3Object,
      previousDigestS3Bucket: null, previousDigestS3Object: null, previousDigestHashValue: null, previousDigestHashAlgorithm: null, previousDigestSignature: null,
      logFiles: [{ s3Bucket: "trail-bucket", s3Object: lateLog.s3Object, hashValue: sha256(lateLog.content), hashAlgorithm: "SHA-256" }],
    });
    expect(s3Object.endsWith("_backfill.json.gz")).toBe(true);
    const report = validateDigests({
      digests: [...digestInputs(chain), { path: `upload/${s3Object}`, bytes: gzipSync(backfill) }],
      logFiles: [...logFileInputs(chain), { path: lateLog.path, bytes: lateLog.bytes }],
      publicKeys: [publicKeyInput(aws)],
    });
    expect(byPath(report, `upload/${s3Object}`)).toMatchObject({
      backfill: true, status: "signature-unchecked", chain: { status: "chain-start" },
      logFiles: [expect.objectContaining({ s3Object: lateLog.s3Object, status: "ok" })],
    });
    expect(report.chainStarts.map((c) => c.path)).toEqual([d0.path]);
    expect(report.missingDigests).toEqual([]);
    expect(report.unverifiableLogFiles).toEqual([]);
  });

  it("accepts a precomputed uncompressed SHA-256 instead of the bytes", () => {
    const logFiles = chain.flatMap((d) => d.logFiles.map((f) => ({ path: f.path, contentSha256: sha256(f.content).toUpperCase() })));
    const report = validateDigests({ digests: digestInputs(chain), logFiles, publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("pass");
    expect(report.summary.logFiles.ok).toBe(10);
  });
});
