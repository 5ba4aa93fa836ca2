import { describe, expect, it } from "vitest";

import { toCloudTrailDigest } from "@/lib/cloudtrail/cloudtrail-digest";

import { buildDigestDataToSign } from "./digest-data-to-sign";

const HASH = "4ff08d7c6ecd6eb313257e839645d20363ee3784a2328a7d76b99b53cc9bcacd";
const fields = {
  digestEndTime: "2015-08-12T04:01:31Z",
  digestS3Bucket: "S3-bucket-name",
  digestS3Object: "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/12/111122223333_CloudTrail-Digest_us-east-2_t_us-east-2_20150812T040131Z.json.gz",
  logFiles: [],
};

describe("buildDigestDataToSign", () => {
  it("joins end time, bucket/key, the uncompressed hash and the previous signature with newlines", () => {
    expect(buildDigestDataToSign(toCloudTrailDigest({ ...fields, previousDigestSignature: "6e85" }), HASH)).toEqual({
      dataToSign: `2015-08-12T04:01:31Z\nS3-bucket-name/${fields.digestS3Object}\n${HASH}\n6e85`,
    });
  });

  it("writes a null previous signature (first digest of a chain) as null, like the AWS CLI", () => {
    expect(buildDigestDataToSign(toCloudTrailDigest({ ...fields, previousDigestSignature: null }), HASH)).toEqual({
      dataToSign: `2015-08-12T04:01:31Z\nS3-bucket-name/${fields.digestS3Object}\n${HASH}\nnull`,
    });
  });

  it("names the fields it lacks", () => {
    expect(buildDigestDataToSign(toCloudTrailDigest({ logFiles: [], digestS3Bucket: 7 }), HASH)).toEqual({
      missing: ["digestEndTime", "digestS3Bucket", "digestS3Object", "previousDigestSignature"],
    });
  });
});
