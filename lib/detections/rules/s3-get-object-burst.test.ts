import { describe, expect, it } from "vitest";

import { eventMeetsNeeds } from "@/lib/findings/needs-sql";

import { corpusPresent, handRecord, OWN_ACCOUNT, rawString, readCorpusRecords, sortedEvents, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { s3GetObjectBurstRule as rule } from "./s3-get-object-burst";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of s3-get-object-burst");

const downloads = (n: number, fields: RawRecord = {}) =>
  Array.from({ length: n }, (_, i) =>
    handRecord(`o${i}`, "GetObject", {
      eventTime: new Date(Date.UTC(2024, 4, 1, 10, 0, i)).toISOString(),
      eventSource: "s3.amazonaws.com",
      eventCategory: "Data",
      managementEvent: false,
      requestParameters: { bucketName: "payroll", key: `2024/${i}.csv` },
      ...fields,
    }),
  );

describe("s3-get-object-burst on hand-written records", () => {
  it("fires once for the downloads of one identity at the threshold", () => {
    const records = downloads(100);
    expect(rule.evaluate(sortedEvents(records), testContext([OWN_ACCOUNT]))).toEqual([
      {
        eventIds: records.map((r) => r.eventID as string),
        principal: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`,
        failedAttempt: false,
        reason: `100 GetObject calls by arn:aws:iam::${OWN_ACCOUNT}:user/alice in 1 min 39 s (threshold 100 in 10 min), from bucket payroll, source 198.51.100.7, user agent aws-cli.`,
      },
    ]);
  });
  it("does not fire below the threshold or for AWS services; all refused is a failed attempt", () => {
    expect(rule.evaluate(sortedEvents(downloads(99)), testContext([OWN_ACCOUNT]))).toEqual([]);
    const service = downloads(150, { userIdentity: { type: "AWSService", invokedBy: "cloudtrail.amazonaws.com" } });
    expect(rule.evaluate(sortedEvents(service), testContext([OWN_ACCOUNT]))).toEqual([]);
    const denied = rule.evaluate(sortedEvents(downloads(100, { errorCode: "AccessDenied" })), testContext([OWN_ACCOUNT]));
    expect(denied.map((h) => h.failedAttempt)).toEqual([true]);
  });
});

describe.skipIf(!corpusPresent)("s3-get-object-burst on sans504-s3-ransomware-lab", () => {
  it("the bulk download: all 1,168 GetObject by FalsimentisRoot in 25 s, one burst, default thresholds", () => {
    const records = readCorpusRecords("sans504-s3-ransomware-lab");
    const expected = records.filter((r) => r.eventName === "GetObject" && rawString(r, "userIdentity.userName") === "FalsimentisRoot").map((r) => r.eventID as string);
    expect(expected).toHaveLength(1168);
    expect(records.filter((r) => r.eventName === "GetObject")).toHaveLength(1168);

    const needed = sortedEvents(records).filter((e) => eventMeetsNeeds(rule.needs, e));
    const hits = rule.evaluate(needed, testContext(["342082656213"]));
    expect(hits).toHaveLength(1);
    expect([...hits[0]!.eventIds].sort()).toEqual([...expected].sort());
    expect(hits[0]).toMatchObject({ principal: "arn:aws:iam::342082656213:user/FalsimentisRoot", failedAttempt: false });
    expect(hits[0]!.reason).toBe(
      "1168 GetObject calls by arn:aws:iam::342082656213:user/FalsimentisRoot in 25 s (threshold 100 in 10 min), from bucket falsimentis-log, source 96.253.26.224, user agent aws-cli.",
    );
  });
});
