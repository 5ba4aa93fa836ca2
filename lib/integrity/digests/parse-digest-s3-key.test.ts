import { describe, expect, it } from "vitest";

import { digestS3KeyEndingAt, parseDigestS3Key } from "./parse-digest-s3-key";

// The key of the AWS "CloudTrail digest file structure" sample.
const AWS_SAMPLE = "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz";

describe("parseDigestS3Key", () => {
  it("reads the AWS sample key", () => {
    expect(parseDigestS3Key(AWS_SAMPLE)).toEqual({
      account: "111122223333", region: "us-east-2", trailName: "your-trail-name", homeRegion: "us-east-2",
      endTime: Date.parse("2015-08-17T15:01:31Z"), backfill: false,
    });
  });

  it("reads organization, multi-region, underscore-named and backfill keys", () => {
    const key = "logs/AWSLogs/o-abc123/444455556666/CloudTrail-Digest/eu-west-1/2024/12/31/444455556666_CloudTrail-Digest_eu-west-1_org_trail_v2_us-east-1_20241231T235959Z_backfill.json.gz";
    expect(parseDigestS3Key(key)).toEqual({
      account: "444455556666", region: "eu-west-1", trailName: "org_trail_v2", homeRegion: "us-east-1",
      endTime: Date.parse("2024-12-31T23:59:59Z"), backfill: true,
    });
  });

  it("refuses names that are not digest keys or carry an impossible time", () => {
    expect(parseDigestS3Key("AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/17/111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz")).toBeNull();
    expect(parseDigestS3Key(AWS_SAMPLE.replace("20150817T150131Z", "20150817T250131Z"))).toBeNull();
    expect(parseDigestS3Key(AWS_SAMPLE.replace(".json.gz", ".json"))).toBeNull();
  });
});

describe("digestS3KeyEndingAt", () => {
  it("moves the date folder and the timestamp, across a day boundary", () => {
    expect(digestS3KeyEndingAt(AWS_SAMPLE, Date.parse("2015-08-16T23:01:31Z"))).toBe(
      "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/16/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150816T230131Z.json.gz",
    );
    expect(digestS3KeyEndingAt("not/a/digest.json.gz", 0)).toBeNull();
  });
});
