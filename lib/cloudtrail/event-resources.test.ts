import { describe, expect, it } from "vitest";
import { eventResources, MAX_RESOURCES } from "@/lib/cloudtrail/event-resources";

const base = { recipientAccountId: "111122223333", awsRegion: "eu-west-1" };

describe("eventResources", () => {
  it("keeps resources[].ARN and builds ARNs from the common request parameters", () => {
    expect(
      eventResources({ ...base, eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "b1", key: "x" }, resources: [{ ARN: "arn:aws:s3:::b1/x" }, { ARN: "arn:aws:s3:::b1" }] }),
    ).toEqual(["arn:aws:s3:::b1/x", "arn:aws:s3:::b1"]);
    expect(eventResources({ ...base, eventSource: "iam.amazonaws.com", requestParameters: { userName: "mallory", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" } })).toEqual([
      "arn:aws:iam::111122223333:user/mallory",
      "arn:aws:iam::aws:policy/AdministratorAccess",
    ]);
    expect(eventResources({ ...base, eventSource: "ec2.amazonaws.com", requestParameters: { instancesSet: { items: [{ instanceId: "i-1" }, { instanceId: "i-2" }] } } })).toEqual([
      "arn:aws:ec2:eu-west-1:111122223333:instance/i-1",
      "arn:aws:ec2:eu-west-1:111122223333:instance/i-2",
    ]);
    expect(eventResources({ ...base, eventSource: "sts.amazonaws.com", requestParameters: { roleArn: "arn:aws:iam::111122223333:role/R", roleSessionName: "s" } })).toEqual([
      "arn:aws:iam::111122223333:role/R",
    ]);
    expect(eventResources({ ...base, eventSource: "cloudtrail.amazonaws.com", requestParameters: { name: "main" } })).toEqual(["arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"]);
    expect(eventResources({ ...base, eventSource: "kms.amazonaws.com", requestParameters: { keyId: "alias/x" } })).toEqual([]);
  });

  it("ignores non-strings, strips NUL, de-duplicates and caps", () => {
    expect(eventResources({ ...base, eventSource: "s3.amazonaws.com", requestParameters: { bucketName: 7 }, resources: [null, { ARN: 1 }, "x"] })).toEqual([]);
    expect(eventResources({ resources: [{ ARN: "arn:a\u0000b" }, { ARN: "arn:ab" }] })).toEqual(["arn:ab"]);
    const many = Array.from({ length: 50 }, (_, i) => ({ ARN: `arn:aws:s3:::b${i}` }));
    expect(eventResources({ resources: many })).toHaveLength(MAX_RESOURCES);
    expect(eventResources({ requestParameters: "not an object" })).toEqual([]);
  });
});
