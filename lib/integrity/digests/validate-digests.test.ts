import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import {
  ACCOUNT,
  BUCKET,
  buildSignedDigestChain,
  digestInputs,
  logFileInputs,
  makeTestKey,
  publicKeyInput,
  REGION,
  sha256,
  TRAIL,
  type BuiltDigest,
} from "./__test-helpers__/build-signed-digest-chain";
import type { DigestValidationReport } from "./digest-validation-types";
import { validateDigests } from "./validate-digests";

const NO_SIGNATURE = "no signature metadata (not ingested from S3), and no later digest in the evidence records its signature";

const aws = makeTestKey();
const chain = buildSignedDigestChain({ signer: aws });
const [d0, d1, d2, d3, d4] = chain as [BuiltDigest, BuiltDigest, BuiltDigest, BuiltDigest, BuiltDigest];

const statuses = (r: DigestValidationReport) => r.digests.map((d) => [d.path, d.status]);
const byPath = (r: DigestValidationReport, path: string) => {
  const found = r.digests.find((d) => d.path === path);
  if (!found) throw new Error(`no result for ${path}`);
  return found;
};
const without = <T extends { path: string }>(items: T[], ...paths: string[]) => items.filter((i) => !paths.includes(i.path));
const logPaths = (...digests: BuiltDigest[]) => digests.flatMap((d) => d.logFiles.map((f) => f.path));

describe("validateDigests: an intact signed chain", () => {
  it("proves 5 digests by their S3 metadata signatures and 10 log files by hash", () => {
    const report = validateDigests({ digests: digestInputs(chain), logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("pass");
    expect(statuses(report)).toEqual(chain.map((d) => [d.path, "ok"]));
    expect(report.digests.map((d) => d.signature)).toEqual(chain.map(() => ({ status: "valid", source: "s3-metadata", fingerprint: aws.fingerprint })));
    expect(report.digests.map((d) => d.chain)).toEqual([
      { status: "chain-start" },
      { status: "linked", previousPath: d0.path },
      { status: "linked", previousPath: d1.path },
      { status: "linked", previousPath: d2.path },
      { status: "linked", previousPath: d3.path },
    ]);
    expect(report.digests.flatMap((d) => [...d.problems, ...d.notes])).toEqual([]);
    expect(report.digests.map((d) => d.contentSha256)).toEqual(chain.map((d) => sha256(d.json)));
    expect(report.digests[2]).toMatchObject({
      s3Bucket: BUCKET, s3Object: d2.s3Object, account: ACCOUNT, region: REGION, trailName: TRAIL, backfill: false,
      startTime: "2024-03-01T02:02:17Z", endTime: "2024-03-01T03:02:17Z", duplicatePaths: [],
    });
    expect(report.digests[2]?.logFiles).toEqual(
      d2.logFiles.map((f) => ({
        s3Bucket: BUCKET, s3Object: f.s3Object, expectedSha256: sha256(f.content), status: "ok", reason: null,
        evidence: [{ path: f.path, matchedBy: "s3-key", contentSha256: sha256(f.content), matches: true, error: null }],
      })),
    );
    expect(report.summary).toEqual({
      digests: { altered: 0, "signature-invalid": 0, unreadable: 0, "chain-broken": 0, "signature-unchecked": 0, ok: 5 },
      logFiles: { ok: 10, missing: 0, altered: 0, unchecked: 0 },
      missingDigests: 0, unverifiableLogFiles: 0, chainStarts: 1,
    });
    expect(report.missingDigests).toEqual([]);
    expect(report.unverifiableLogFiles).toEqual([]);
    expect(report.publicKeyProblems).toEqual([]);
    expect(report.chainStarts).toEqual([{
      path: d0.path, at: "2024-03-01T00:02:17Z", afterPath: null, gapStart: null, gapEnd: "2024-03-01T00:02:17Z",
      description: "the digest chain starts at 2024-03-01T00:02:17Z: the first digest after log file validation was enabled or logging was started",
    }]);
  });

  it("offline (no S3 metadata) proves every digest but the newest through the next digest's previousDigestSignature", () => {
    const report = validateDigests({ digests: digestInputs(chain, false), logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)] });
    expect(report.digests.map((d) => d.signature)).toEqual([
      ...[d0, d1, d2, d3].map(() => ({ status: "valid", source: "next-digest", fingerprint: aws.fingerprint })),
      { status: "unchecked", reasons: [NO_SIGNATURE] },
    ]);
    expect(statuses(report)).toEqual([...[d0, d1, d2, d3].map((d) => [d.path, "ok"]), [d4.path, "signature-unchecked"]]);
    expect(report.result).toBe("unknown");
  });

  it("validates digests and log files stored uncompressed (a browser inflated them), matching log files by name", () => {
    const digests = chain.map((d) => ({ path: `flat/${d.s3Object.split("/").at(-1)!.replace(".gz", "")}`, bytes: Buffer.from(d.json), signature: { hex: d.signatureHex, algorithm: "SHA256withRSA" } }));
    const logFiles = chain.flatMap((d) => d.logFiles.map((f) => ({ path: `flat/${f.s3Object.split("/").at(-1)!.replace(".gz", "")}`, bytes: Buffer.from(f.content) })));
    const report = validateDigests({ digests, logFiles, publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("pass");
    expect(report.digests.flatMap((d) => d.logFiles.map((f) => f.evidence.map((e) => e.matchedBy)))).toEqual(Array(10).fill(["file-name"]));
  });

  it("validates a digest ingested twice once, and takes the S3 signature from whichever copy has it", () => {
    const copy = { path: `copy/${d4.s3Object.split("/").at(-1)}`, bytes: Buffer.from(d4.json), signature: null };
    const inputs = [...digestInputs(chain.slice(0, 4)), copy, { ...digestInputs([d4])[0]! }];
    const report = validateDigests({ digests: inputs, logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)] });
    expect(report.digests).toHaveLength(5);
    expect(byPath(report, copy.path)).toMatchObject({ duplicatePaths: [d4.path], status: "ok", signature: { status: "valid", source: "s3-metadata" } });
  });
});

describe("validateDigests: log file tampering", () => {
  it("reports a modified log file as altered with both hashes", () => {
    const target = d2.logFiles[1]!;
    const forged = target.content.replace("GetCallerIdentity", "ListBuckets");
    const logFiles = logFileInputs(chain).map((f) => (f.path === target.path ? { path: f.path, bytes: gzipSync(forged) } : f));
    const report = validateDigests({ digests: digestInputs(chain), logFiles, publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("fail");
    expect(statuses(report)).toEqual(chain.map((d) => [d.path, "ok"]));
    expect(byPath(report, d2.path).logFiles[1]).toEqual({
      s3Bucket: BUCKET, s3Object: target.s3Object, expectedSha256: sha256(target.content), status: "altered",
      evidence: [{ path: target.path, matchedBy: "s3-key", contentSha256: sha256(forged), matches: false, error: null }],
      reason: `${target.path} has uncompressed SHA-256 ${sha256(forged)}; the digest records ${sha256(target.content)}`,
    });
    expect(report.summary.logFiles).toEqual({ ok: 9, missing: 0, altered: 1, unchecked: 0 });
  });

  it("reports a deleted log file as missing", () => {
    const target = d3.logFiles[0]!;
    const report = validateDigests({ digests: digestInputs(chain), logFiles: without(logFileInputs(chain), target.path), publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("fail");
    expect(byPath(report, d3.path).logFiles[0]).toEqual({
      s3Bucket: BUCKET, s3Object: target.s3Object, expectedSha256: sha256(target.content), status: "missing", evidence: [], reason: "not in the evidence",
    });
    expect(report.summary.logFiles).toEqual({ ok: 9, missing: 1, altered: 0, unchecked: 0 });
    expect(report.unverifiableLogFiles).toEqual([]);
  });

  it("reports a log file that cannot be inflated as altered", () => {
    const target = d1.logFiles[0]!;
    const logFiles = logFileInputs(chain).map((f) => (f.path === target.path ? { path: f.path, bytes: target.bytes.subarray(0, 20) } : f));
    const report = validateDigests({ digests: digestInputs(chain), logFiles, publicKeys: [publicKeyInput(aws)] });
    expect(byPath(report, d1.path).logFiles[0]).toMatchObject({
      status: "altered", reason: `${target.path} cannot be inflated (corrupt gzip: unexpected end of file); the digest records ${sha256(target.content)}`,
    });
  });
});

describe("validateDigests: deleted digests", () => {
  it("names a deleted digest from the next digest's pointer and marks the chain broken there", () => {
    const report = validateDigests({
      digests: without(digestInputs(chain), d2.path), logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)],
    });
    expect(report.result).toBe("fail");
    expect(statuses(report)).toEqual([[d0.path, "ok"], [d1.path, "ok"], [d3.path, "chain-broken"], [d4.path, "ok"]]);
    expect(byPath(report, d3.path)).toMatchObject({
      problems: [`its previous digest ${d2.s3Object} is not in the evidence`],
      chain: { status: "previous-missing", previousS3Object: d2.s3Object },
      signature: { status: "valid", source: "s3-metadata" },
    });
    expect(report.missingDigests).toEqual([{
      account: ACCOUNT, region: REGION, trailName: TRAIL, s3Bucket: BUCKET, s3Object: d2.s3Object, predicted: false,
      detectedBy: "chain-pointer", beforeEvidence: false, hours: 1, windowStart: d2.start, windowEnd: d2.end, referencedBy: d3.path,
      reason: `named as previous digest by ${d3.path} but not in the evidence: deleted, or not ingested`,
    }]);
    expect(report.unverifiableLogFiles).toEqual(
      logPaths(d2).map((path) => ({ path, reason: `delivered in the window of missing digest ${d2.s3Object} (${d2.start} to ${d2.end})` })),
    );
    expect(report.summary.missingDigests).toBe(1);
  });

  it("without S3 metadata, the digest before a deleted one can no longer be proven", () => {
    const report = validateDigests({ digests: without(digestInputs(chain, false), d2.path), logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)] });
    expect(byPath(report, d1.path).signature).toEqual({ status: "unchecked", reasons: [NO_SIGNATURE] });
    expect(byPath(report, d0.path).signature).toEqual({ status: "valid", source: "next-digest", fingerprint: aws.fingerprint });
  });

  it("names both of two consecutive deleted digests (the AWS CLI names only the newest)", () => {
    const report = validateDigests({
      digests: without(digestInputs(chain), d1.path, d2.path), logFiles: logFileInputs(chain), publicKeys: [publicKeyInput(aws)],
    });
    expect(report.result).toBe("fail");
    expect(statuses(report)).toEqual([[d0.path, "ok"], [d3.path, "chain-broken"], [d4.path, "ok"]]);
    const common = { account: ACCOUNT, region: REGION, trailName: TRAIL, s3Bucket: BUCKET, beforeEvidence: false, hours: 1, referencedBy: d3.path };
    expect(report.missingDigests).toEqual([
      {
        ...common, s3Object: d1.s3Object, predicted: true, detectedBy: "time-gap", windowStart: d1.start, windowEnd: d1.end,
        reason: `no digest of this trail covers ${d1.start} to ${d1.end}, between ${d0.path} and the missing ${d2.s3Object}: deleted, or not ingested`,
      },
      {
        ...common, s3Object: d2.s3Object, predicted: false, detectedBy: "chain-pointer", windowStart: d2.start, windowEnd: d2.end,
        reason: `named as previous digest by ${d3.path} but not in the evidence: deleted, or not ingested`,
      },
    ]);
    expect(report.unverifiableLogFiles.map((u) => [u.path, u.reason])).toEqual([
      ...logPaths(d1).map((p) => [p, `delivered in the window of missing digest ${d1.s3Object} (${d1.start} to ${d1.end})`]),
      ...logPaths(d2).map((p) => [p, `delivered in the window of missing digest ${d2.s3Object} (${d2.start} to ${d2.end})`]),
    ]);
    expect(report.summary.missingDigests).toBe(2);
  });

  it("names every digest of a run of three deleted ones, each under its exact S3 key", () => {
    const report = validateDigests({
      digests: without(digestInputs(chain), d1.path, d2.path, d3.path), logFiles: [], publicKeys: [publicKeyInput(aws)],
    });
    expect(report.missingDigests.map((m) => [m.s3Object, m.detectedBy, m.predicted])).toEqual([
      [d1.s3Object, "time-gap", true], [d2.s3Object, "time-gap", true], [d3.s3Object, "chain-pointer", false],
    ]);
  });

  it("names a week of missing hours one by one and the rest of a longer run as one entry", () => {
    const long = buildSignedDigestChain({ signer: aws, hours: 203 });
    const kept = [long[0]!, long[201]!, long[202]!];
    const report = validateDigests({ digests: digestInputs(kept), logFiles: [], publicKeys: [publicKeyInput(aws)] });
    expect(report.summary.missingDigests).toBe(200);
    expect(report.missingDigests).toHaveLength(170);
    expect(report.missingDigests.slice(0, 168).map((m) => m.s3Object)).toEqual(long.slice(1, 169).map((d) => d.s3Object));
    expect(report.missingDigests[168]).toMatchObject({
      s3Object: null, hours: 31, windowStart: long[169]!.start, windowEnd: long[199]!.end,
      reason: `no digest of this trail covers ${long[169]!.start} to ${long[199]!.end} (31 more hourly digests), between ${long[0]!.path} and the missing ${long[200]!.s3Object}: deleted, or not ingested`,
    });
    expect(report.missingDigests[169]).toMatchObject({ s3Object: long[200]!.s3Object, detectedBy: "chain-pointer", hours: 1 });
  });

  it("treats the previous digest of the earliest one as before the evidence, not as deleted", () => {
    const report = validateDigests({ digests: digestInputs([d2, d3, d4]), logFiles: logFileInputs([d2, d3, d4]), publicKeys: [publicKeyInput(aws)] });
    expect(report.result).toBe("pass");
    expect(byPath(report, d2.path).chain).toEqual({ status: "previous-before-evidence", previousS3Object: d1.s3Object });
    expect(report.missingDigests).toEqual([expect.objectContaining({
      s3Object: d1.s3Object, beforeEvidence: true, detectedBy: "chain-pointer",
      reason: `named as previous digest by ${d2.path}; nothing earlier of this trail is in the evidence, so the evidence may simply start here`,
    })]);
    expect(report.summary.missingDigests).toBe(0);
  });
});
