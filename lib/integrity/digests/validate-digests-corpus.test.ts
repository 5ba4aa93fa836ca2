import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { validateDigests } from "./validate-digests";

/**
 * The one real CloudTrail digest of the shared corpus (elastic-beats test logs, see its MANIFEST.md):
 * delivered as an NDJSON line, no S3 metadata, no public key, none of its 12 log files. Expected values
 * are read off the file and the corpus's SHA256SUMS, not computed by the code under test.
 */
const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/corpus");
const RELATIVE = "elastic-beats-test-logs-via-matanolabs-logtest/examples/aws_cloudtrail_digest/test/test-cloudtrail-digest-json.log";
const file = path.join(corpus, RELATIVE);
const present = existsSync(file);
if (!present) console.log("corpus digest absent: skipping");

const PREFIX = "AWSLogs/123456789123/CloudTrail-Digest/us-west-2/2020/09/11/123456789123_CloudTrail-Digest_us-west-2_leh-ct-test_us-west-2_";
const NO_SIGNATURE = "no signature metadata (not ingested from S3), and no later digest in the evidence records its signature";

describe.skipIf(!present)("validateDigests on the corpus digest", () => {
  it("parses every field and says exactly why its signature cannot be checked", () => {
    const report = validateDigests({ digests: [{ path: RELATIVE, bytes: readFileSync(file) }], logFiles: [], publicKeys: [] });
    expect(report.digests).toHaveLength(1);
    const digest = report.digests[0]!;
    expect(digest).toMatchObject({
      path: RELATIVE,
      s3Bucket: "alice-bucket",
      s3Object: `${PREFIX}20200911T193649Z.json.gz`,
      account: "123456789123",
      region: "us-west-2",
      trailName: "leh-ct-test",
      backfill: false,
      startTime: "2020-09-11T18:36:49Z",
      endTime: "2020-09-11T19:36:49Z",
      // The file is not gzipped, so its uncompressed hash is the SHA256SUMS value of the corpus.
      contentSha256: "90298382b2ba28c4aef4eba5ede97c80e63b3f5a5d49da0cd3dacda41cbdd7f3",
      status: "signature-unchecked",
      problems: [],
      signature: { status: "unchecked", reasons: [NO_SIGNATURE, "public key 47aaa19f7eec22e9bd0b5e58cfade8cb not available"] },
      chain: { status: "previous-before-evidence", previousS3Object: `${PREFIX}20200911T183649Z.json.gz` },
    });
    expect(digest.notes).toEqual([
      "previousDigestHashValue has 63 hex digits instead of 64 (leading zeros dropped); compared as a number",
      `the evidence path does not end with the digest's own location alice-bucket/${PREFIX}20200911T193649Z.json.gz (renamed or moved)`,
    ]);
    expect(digest.logFiles).toHaveLength(12);
    expect(digest.logFiles[0]).toEqual({
      s3Bucket: "alice-bucket",
      s3Object: "AWSLogs/123456789123/CloudTrail/us-west-2/2020/09/11/123456789123_CloudTrail_us-west-2_20200911T1930Z_l2pGqVS53QcGdAkp.json.gz",
      expectedSha256: "420784a5bbc12e9ac442451e8ec1356744fdeabf4fee0d2222508db6d448139c",
      status: "missing",
      evidence: [],
      reason: "not in the evidence",
    });
    expect(digest.logFiles.at(-1)?.s3Object).toBe(
      "AWSLogs/123456789123/CloudTrail/us-west-2/2020/09/11/123456789123_CloudTrail_us-west-2_20200911T1840Z_btJydJ2t7hCRnjsN.json.gz",
    );
    expect(new Set(digest.logFiles.map((f) => f.status))).toEqual(new Set(["missing"]));
    expect(report.missingDigests).toEqual([{
      account: "123456789123", region: "us-west-2", trailName: "leh-ct-test", s3Bucket: "alice-bucket",
      s3Object: `${PREFIX}20200911T183649Z.json.gz`, predicted: false, detectedBy: "chain-pointer", beforeEvidence: true, hours: 1,
      windowStart: "2020-09-11T17:36:49Z", windowEnd: "2020-09-11T18:36:49Z", referencedBy: RELATIVE,
      reason: `named as previous digest by ${RELATIVE}; nothing earlier of this trail is in the evidence, so the evidence may simply start here`,
    }]);
    expect(report.chainStarts).toEqual([]);
    // The 12 listed log files are not in the evidence: that alone fails the check.
    expect(report.summary.logFiles).toEqual({ ok: 0, missing: 12, altered: 0, unchecked: 0 });
    expect(report.result).toBe("fail");
  });

  it("names only the public key when the S3 signature metadata is there", () => {
    const signature = { hex: "ab".repeat(256), algorithm: "SHA256withRSA" };
    const report = validateDigests({ digests: [{ path: RELATIVE, bytes: readFileSync(file), signature }], logFiles: [], publicKeys: [] });
    expect(report.digests[0]?.signature).toEqual({ status: "unchecked", reasons: ["public key 47aaa19f7eec22e9bd0b5e58cfade8cb not available"] });
  });
});
