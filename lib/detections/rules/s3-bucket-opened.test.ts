import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, readCorpusRecords, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { s3BucketOpenedRule as rule } from "./s3-bucket-opened";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of s3-bucket-opened");

const context = testContext([OWN_ACCOUNT]);
const s3 = (id: string, eventName: string, requestParameters: unknown, fields: RawRecord = {}) =>
  handRecord(id, eventName, { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "reports", ...(requestParameters as object) }, ...fields });
const policy = (...Statement: unknown[]) => ({ bucketPolicy: { Version: "2012-10-17", Statement } });

describe("s3-bucket-opened on hand-written records", () => {
  it("a policy granting everyone (without conditions) or a foreign account", () => {
    const open = s3("p1", "PutBucketPolicy", policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }));
    expect(rule.match(contextualEvent(open), context)).toEqual({ failedAttempt: false, reason: 'PutBucketPolicy opened bucket reports to everyone (Principal "*").' });
    const foreign = s3("p2", "PutBucketPolicy", policy({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::999988887777:root", `arn:aws:iam::${OWN_ACCOUNT}:role/x`] }, Action: "s3:*" }));
    expect(rule.match(contextualEvent(foreign), context)?.reason).toBe("PutBucketPolicy opened bucket reports to foreign account 999988887777.");
    const asText = s3("p3", "PutBucketPolicy", { bucketPolicy: JSON.stringify({ Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:*" } }) }, { errorCode: "AccessDenied" });
    expect(rule.match(contextualEvent(asText), context)).toEqual({
      failedAttempt: true,
      reason: 'PutBucketPolicy tried to open (failed: AccessDenied) bucket reports to everyone (Principal "*").',
    });
  });
  it("not for service principals, the case's own accounts, conditional or Deny statements", () => {
    const service = s3("q1", "PutBucketPolicy", policy({ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject" }));
    const conditional = s3("q2", "PutBucketPolicy", policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }));
    const deny = s3("q3", "PutBucketPolicy", policy({ Effect: "Deny", Principal: "*", Action: "s3:*" }));
    const own = s3("q4", "PutBucketPolicy", policy({ Effect: "Allow", Principal: { AWS: OWN_ACCOUNT }, Action: "s3:*" }));
    for (const r of [service, conditional, deny, own]) expect(rule.match(contextualEvent(r), context)).toBeNull();
  });
  it("public ACLs (canned, grant body, grant header) and Block Public Access removed", () => {
    expect(rule.match(contextualEvent(s3("a1", "PutBucketAcl", { "x-amz-acl": ["public-read"] })), context)?.reason).toBe("PutBucketAcl opened bucket reports to canned ACL public-read.");
    const body = s3("a2", "PutBucketAcl", {
      AccessControlPolicy: {
        AccessControlList: { Grant: [{ Grantee: { ID: "abc" }, Permission: "FULL_CONTROL" }, { Grantee: { URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }] },
      },
    });
    expect(rule.match(contextualEvent(body), context)?.reason).toBe("PutBucketAcl opened bucket reports to group AllUsers.");
    const header = s3("a3", "PutBucketAcl", { "x-amz-grant-read": 'uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"' });
    expect(rule.match(contextualEvent(header), context)?.reason).toBe("PutBucketAcl opened bucket reports to x-amz-grant-read to AuthenticatedUsers.");
    expect(rule.match(contextualEvent(s3("a4", "PutBucketAcl", { "x-amz-acl": ["private"] })), context)).toBeNull();
    expect(rule.match(contextualEvent(s3("b1", "DeleteBucketPublicAccessBlock", {})), context)?.reason).toBe(
      "DeleteBucketPublicAccessBlock opened bucket reports to anyone a later policy or ACL allows (Block Public Access removed).",
    );
    const flags = (v: boolean) => ({ PublicAccessBlockConfiguration: { BlockPublicAcls: v, IgnorePublicAcls: v, BlockPublicPolicy: v, RestrictPublicBuckets: v } });
    expect(rule.match(contextualEvent(s3("b2", "PutBucketPublicAccessBlock", flags(false))), context)).not.toBeNull();
    expect(rule.match(contextualEvent(s3("b3", "PutBucketPublicAccessBlock", flags(true))), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("s3-bucket-opened on the corpus", () => {
  it("invictus-ir: the bucket policy granting account 193672423079, not the CloudTrail bucket policies", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    // Independent selection: PutBucketPolicy whose statements name an AWS principal of another account.
    const expected = records
      .filter((r) => r.eventName === "PutBucketPolicy")
      .filter((r) => JSON.stringify((r.requestParameters as { bucketPolicy?: unknown }).bucketPolicy).match(/"AWS":"arn:aws:iam::(?!123837392027)\d{12}:/))
      .map((r) => r.eventID as string);
    expect(expected).toEqual(["d58cf935-0194-41d0-baa0-9efc030ce2e6"]);
    expect(records.filter((r) => r.eventName === "PutBucketPolicy")).toHaveLength(3);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["123837392027"]));
    expect(hits).toEqual([
      { eventId: "d58cf935-0194-41d0-baa0-9efc030ce2e6", failedAttempt: false, reason: "PutBucketPolicy opened bucket stratus-red-team-bdbp-lhfzvgcamn to foreign account 193672423079." },
    ]);
  });
  it("sans504: the trail bucket's policy (service principals only) does not fire", () => {
    const records = readCorpusRecords("sans504-s3-ransomware-lab").filter((r) => r.eventName === "PutBucketPolicy");
    expect(records.map((r) => r.eventID)).toEqual(["fe077326-da6d-416b-99d4-f17040480efb"]);
    expect(matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["342082656213"]))).toEqual([]);
  });
});
