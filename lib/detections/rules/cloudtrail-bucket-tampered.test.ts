import { describe, expect, it } from "vitest";

import { cloudtrailBucketTamperedRule as rule } from "./cloudtrail-bucket-tampered";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("cloudtrail-bucket-tampered corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const s3 = (eventID: string, eventName: string, eventTime: string, requestParameters: RawRecord, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "s3.amazonaws.com", eventName, eventTime, requestParameters, ...extra });
const deliveryCheck = (eventID: string, eventTime: string, bucketName: string) =>
  s3(eventID, "GetBucketAcl", eventTime, { bucketName }, {
    userIdentity: { type: "AWSService", invokedBy: "cloudtrail.amazonaws.com" },
    sourceIPAddress: "cloudtrail.amazonaws.com",
    userAgent: "cloudtrail.amazonaws.com",
  });
const cloudTrailPolicy = (bucket: string, extraStatements: RawRecord[] = []) => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: `arn:aws:s3:::${bucket}` },
    { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: ["cloudtrail.amazonaws.com", "config.amazonaws.com"] }, Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucket}/*` },
    ...extraStatements,
  ],
});
const lifecycle = (bucketName: string, rules: RawRecord[]) => ({ bucketName, LifecycleConfiguration: { Rule: rules.length === 1 ? rules[0] : rules } });

describe("cloudtrail-bucket-tampered", () => {
  it("learns the trail bucket from CreateTrail and flags harmful changes from then on", () => {
    const records = [
      s3("before", "PutBucketLifecycle", "2024-01-01T00:00:00Z", lifecycle("logs", [{ ID: "early", Status: "Enabled", Expiration: { Days: 1 } }])),
      fakeRecord({ eventID: "create", eventSource: "cloudtrail.amazonaws.com", eventName: "CreateTrail", eventTime: "2024-01-01T00:01:00Z", requestParameters: { name: "main", s3BucketName: "logs" } }),
      s3("setup-policy", "PutBucketPolicy", "2024-01-01T00:01:00Z", { bucketName: "logs", bucketPolicy: cloudTrailPolicy("logs") }),
      s3("short", "PutBucketLifecycle", "2024-01-01T00:02:00Z", lifecycle("logs", [
        { ID: "nuke", Status: "Enabled", Expiration: { Days: 1 }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
        { ID: "off", Status: "Disabled", Expiration: { Days: 1 } },
      ])),
      s3("long", "PutBucketLifecycle", "2024-01-01T00:03:00Z", lifecycle("logs", [{ ID: "keep", Status: "Enabled", Expiration: { Days: 730 } }])),
      s3("disabled", "PutBucketLifecycle", "2024-01-01T00:04:00Z", lifecycle("logs", [{ ID: "off", Status: "Disabled", Expiration: { Days: 1 } }])),
      s3("other-bucket", "DeleteBucketPolicy", "2024-01-01T00:05:00Z", { bucketName: "website" }),
      s3("deleted", "DeleteBucketPolicy", "2024-01-01T00:06:00Z", { bucketName: "logs" }, { errorCode: "AccessDenied" }),
      s3("acl", "PutBucketAcl", "2024-01-01T00:07:00Z", { bucketName: "logs", "x-amz-acl": "public-read" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      [
        "short",
        false,
        'PutBucketLifecycle on trail bucket "logs": lifecycle rule "nuke" expires log files after 1 day(s); lifecycle rule "nuke" expires overwritten or deleted log file versions after 1 day(s)',
      ],
      ["deleted", true, 'DeleteBucketPolicy on trail bucket "logs": bucket policy deleted: CloudTrail can no longer write its log files — attempt denied ("AccessDenied")'],
      ["acl", false, 'PutBucketAcl on trail bucket "logs": ACL replaced with the canned ACL "public-read"'],
    ]);
  });

  it("learns a trail bucket from CloudTrail's own delivery check and judges new bucket policies", () => {
    const records = [
      deliveryCheck("check", "2024-01-01T00:00:00Z", "org-logs"),
      s3("cut-off", "PutBucketPolicy", "2024-01-01T00:01:00Z", {
        bucketName: "org-logs",
        bucketPolicy: { Statement: [{ Effect: "Deny", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: "*" }] },
      }),
      s3("shared", "PutBucketPolicy", "2024-01-01T00:02:00Z", {
        bucketName: "org-logs",
        bucketPolicy: cloudTrailPolicy("org-logs", [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: ["s3:GetObject", "s3:DeleteObject"], Resource: "*" }]),
      }),
      s3("hardening", "PutBucketPolicy", "2024-01-01T00:03:00Z", {
        bucketName: "org-logs",
        bucketPolicy: cloudTrailPolicy("org-logs", [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }]),
      }),
      s3("garbled", "PutBucketPolicy", "2024-01-01T00:04:00Z", { bucketName: "org-logs", bucketPolicy: "{not json" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.reason])).toEqual([
      ["cut-off", 'PutBucketPolicy on trail bucket "org-logs": CloudTrail is no longer allowed to write its log files; denies "s3:PutObject" to CloudTrail'],
      ["shared", 'PutBucketPolicy on trail bucket "org-logs": grants "s3:GetObject", "s3:DeleteObject" to "arn:aws:iam::999999999999:root"'],
      ["garbled", 'PutBucketPolicy on trail bucket "org-logs": bucket policy replaced (the new policy is not readable)'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the 1-day lifecycle on the trail bucket; the setup policies written before the trail existed do not fire", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const trailBuckets = new Map<string, string>();
      for (const r of records) {
        const p = r.requestParameters as RawRecord | null;
        if (r.eventName === "CreateTrail" && typeof p?.s3BucketName === "string") trailBuckets.set(p.s3BucketName, String(r.eventTime));
      }
      expect([...trailBuckets.keys()].sort()).toEqual(["stratus-red-team-ctes-bucket-qyxyekjbtk", "stratus-red-team-ctlr-bucket-zqfsvooxqj"]);
      const changes = records.filter((r) => {
        const bucket = (r.requestParameters as RawRecord | null)?.bucketName;
        return ["PutBucketLifecycle", "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl"].includes(String(r.eventName)) && typeof bucket === "string" && trailBuckets.has(bucket);
      });
      // Two policies written seconds before their CreateTrail (CloudTrail needs them), one lifecycle rule after.
      expect(changes.map((r) => [r.eventName, String(r.eventTime) >= String(trailBuckets.get(String((r.requestParameters as RawRecord).bucketName)))])).toEqual([
        ["PutBucketPolicy", false],
        ["PutBucketPolicy", false],
        ["PutBucketLifecycle", true],
      ]);
      const expected = changes.filter((r) => r.eventName === "PutBucketLifecycle").map((r) => String(r.eventID));
      expect(expected).toEqual(["7823c70d-f7f9-4a04-b4c0-baa8fbe09ea3"]);

      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected);
      expect(hits[0]?.reason).toBe(
        'PutBucketLifecycle on trail bucket "stratus-red-team-ctlr-bucket-zqfsvooxqj": lifecycle rule "nuke-cloudtrail-logs-after-1-day" expires log files after 1 day(s)',
      );
    });

    it("sans504: the console's CloudTrail + Config delivery policy on the trail bucket does not fire", () => {
      const records = readCorpusRecords("sans504-s3-ransomware-lab");
      expect(records.filter((r) => r.eventName === "PutBucketPolicy").map((r) => r.eventID)).toEqual(["fe077326-da6d-416b-99d4-f17040480efb"]);
      expect(runRule(rule, toEvents(records), contextFor(["342082656213"]))).toEqual([]);
    });
  });
});
