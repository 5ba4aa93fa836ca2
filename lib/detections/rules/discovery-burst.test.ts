import { describe, expect, it } from "vitest";

import { eventMeetsNeeds } from "@/lib/findings/needs-sql";

import { corpusPresent, handRecord, OWN_ACCOUNT, rawString, readCorpusRecords, sortedEvents, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { discoveryBurstRule as rule } from "./discovery-burst";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of discovery-burst");

const at = (second: number) => new Date(Date.UTC(2024, 4, 1, 10, 0, second)).toISOString();
const calls = (n: number, name: string, startSecond: number, fields: RawRecord = {}) =>
  Array.from({ length: n }, (_, i) => handRecord(`${name}-${startSecond}-${i}`, name, { eventTime: at(startSecond + i * 10), ...fields }));

describe("discovery-burst on hand-written records", () => {
  it("one hit per burst of enumeration calls at the threshold, with counts, denied calls and APIs", () => {
    const records = [...calls(10, "ListUsers", 0), ...calls(5, "DescribeInstances", 100, { errorCode: "Client.UnauthorizedOperation" }), ...calls(5, "GetPolicy", 150)];
    const hits = rule.evaluate(sortedEvents(records), testContext([OWN_ACCOUNT]));
    expect(hits).toEqual([
      {
        eventIds: records.map((r) => r.eventID as string),
        principal: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`,
        failedAttempt: false,
        reason: `20 List/Describe/Get calls by arn:aws:iam::${OWN_ACCOUNT}:user/alice in 3 min 10 s (threshold 20 in 10 min), 5 denied; 3 distinct APIs: ListUsers, DescribeInstances, GetPolicy; from 198.51.100.7.`,
      },
    ]);
  });

  it("below the threshold, spread out, from the console, or content reads: no hit; a burst of denied calls only is a failed attempt", () => {
    expect(rule.evaluate(sortedEvents(calls(19, "ListRoles", 0)), testContext([OWN_ACCOUNT]))).toEqual([]);
    expect(rule.evaluate(sortedEvents(calls(20, "ListRoles", 0)), testContext([OWN_ACCOUNT], [], { burstWindowMinutes: 1 }))).toEqual([]);
    const console = calls(25, "DescribeVpcs", 0, { sessionCredentialFromConsole: "true", userAgent: "console.ec2.amazonaws.com" });
    expect(rule.evaluate(sortedEvents(console), testContext([OWN_ACCOUNT]))).toEqual([]);
    expect(rule.evaluate(sortedEvents(calls(25, "GetSecretValue", 0)), testContext([OWN_ACCOUNT]))).toEqual([]);
    const denied = calls(20, "ListBuckets", 0, { errorCode: "AccessDenied" });
    const refused = rule.evaluate(sortedEvents(denied), testContext([OWN_ACCOUNT]));
    expect(refused.map((h) => [h.failedAttempt, h.reason.endsWith("20 denied; 1 distinct APIs: ListBuckets; from 198.51.100.7. Every call failed.")])).toEqual([[true, true]]);
  });

  it("two bursts of one identity separated by a quiet gap are two hits; overlapping windows are one", () => {
    const records = [...calls(20, "ListUsers", 0), ...calls(20, "ListRoles", 1800)];
    const hits = rule.evaluate(sortedEvents(records), testContext([OWN_ACCOUNT], [], { discoveryBurst: 15 }));
    expect(hits.map((h) => h.eventIds.length)).toEqual([20, 20]);
  });
});

describe.skipIf(!corpusPresent)("discovery-burst on sans504-s3-ransomware-lab", () => {
  it("jmerckle's recon: 31 List/Describe/Get calls from 13:02:53 to 13:12:25, 4 denied; nobody else", () => {
    const records = readCorpusRecords("sans504-s3-ransomware-lab");
    // Independent selection: jmerckle's management-event List/Describe/Get calls in the recon window.
    const expected = records
      .filter(
        (r) =>
          rawString(r, "userIdentity.userName") === "jmerckle" &&
          /^(List|Describe|Get)/.test(String(r.eventName)) &&
          String(r.eventTime) >= "2021-07-29T13:02:53Z" &&
          String(r.eventTime) <= "2021-07-29T13:12:25Z",
      )
      .sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
    expect(expected).toHaveLength(31);
    expect(expected.filter((r) => typeof r.errorCode === "string")).toHaveLength(4);

    const needed = sortedEvents(records).filter((e) => eventMeetsNeeds(rule.needs, e));
    const hits = rule.evaluate(needed, testContext(["342082656213"]));
    expect(hits).toHaveLength(1);
    expect([...hits[0]!.eventIds].sort()).toEqual(expected.map((r) => r.eventID as string).sort());
    expect(hits[0]).toMatchObject({ principal: "arn:aws:iam::342082656213:user/jmerckle", failedAttempt: false });
    expect(hits[0]!.reason).toBe(
      "31 List/Describe/Get calls by arn:aws:iam::342082656213:user/jmerckle in 9 min 32 s (threshold 20 in 10 min), 4 denied; 16 distinct APIs: " +
        "GetCallerIdentity, ListBuckets, DescribeInstances, ListFunctions20150331, ListRoles, ListUsers, DescribeLogGroups, GetPolicy and 8 more; from 3.238.12.183.",
    );
  });
});
