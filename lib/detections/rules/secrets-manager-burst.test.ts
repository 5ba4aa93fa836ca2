import { describe, expect, it } from "vitest";

import { eventMeetsNeeds } from "@/lib/findings/needs-sql";

import { corpusPresent, handRecord, OWN_ACCOUNT, rawString, readCorpusRecords, sortedEvents, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { secretsManagerBurstRule as rule } from "./secrets-manager-burst";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of secrets-manager-burst");

const reads = (n: number, name = "GetSecretValue", fields: RawRecord = {}) =>
  Array.from({ length: n }, (_, i) =>
    handRecord(`s${i}`, name, {
      eventTime: new Date(Date.UTC(2024, 4, 1, 10, i, 0)).toISOString(),
      eventSource: "secretsmanager.amazonaws.com",
      requestParameters: { secretId: `arn:aws:secretsmanager:us-east-1:${OWN_ACCOUNT}:secret:prod/db-${i % 4}-AbCdEf` },
      ...fields,
    }),
  );

describe("secrets-manager-burst on hand-written records", () => {
  it("fires at the threshold, counting distinct secrets by name", () => {
    const records = reads(10);
    expect(rule.evaluate(sortedEvents(records), testContext([OWN_ACCOUNT]))).toEqual([
      {
        eventIds: records.map((r) => r.eventID as string),
        principal: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`,
        failedAttempt: false,
        reason: `10 Secrets Manager reads by arn:aws:iam::${OWN_ACCOUNT}:user/alice in 9 min (threshold 10 in 10 min): 4 distinct secrets; e.g. prod/db-0-AbCdEf, prod/db-1-AbCdEf, prod/db-2-AbCdEf and 1 more.`,
      },
    ]);
  });
  it("not below the threshold or outside the window; batch calls count; all denied is a failed attempt", () => {
    expect(rule.evaluate(sortedEvents(reads(9)), testContext([OWN_ACCOUNT]))).toEqual([]);
    expect(rule.evaluate(sortedEvents(reads(10)), testContext([OWN_ACCOUNT], [], { burstWindowMinutes: 8 }))).toEqual([]);
    const batch = rule.evaluate(sortedEvents(reads(10, "BatchGetSecretValue", { requestParameters: { filters: [{ key: "tag-key", values: ["x"] }] } })), testContext([OWN_ACCOUNT]));
    expect(batch[0]?.reason).toContain("0 distinct secrets, 10 BatchGetSecretValue calls");
    const denied = rule.evaluate(sortedEvents(reads(10, "GetSecretValue", { errorCode: "AccessDeniedException" })), testContext([OWN_ACCOUNT]));
    expect(denied.map((h) => h.failedAttempt)).toEqual([true]);
    expect(denied[0]?.reason).toContain(", 10 failed (10 denied)");
  });
});

describe.skipIf(!corpusPresent)("secrets-manager-burst on the corpus", () => {
  /** Independent selection: the GetSecretValue/BatchGetSecretValue records of one principal, oldest first. */
  const secretReads = (records: readonly RawRecord[], arn: string) =>
    records
      .filter((r) => (r.eventName === "GetSecretValue" || r.eventName === "BatchGetSecretValue") && rawString(r, "userIdentity.arn") === arn)
      .sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)) || String(a.eventID).localeCompare(String(b.eventID)));

  it("invictus-ir: bert-jan's 60 reads, in two bursts 10 minutes apart (11:57:50-11:57:54 and 12:07:57)", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    const all = secretReads(records, "arn:aws:iam::123837392027:user/bert-jan");
    expect(all).toHaveLength(60);
    const first = all.filter((r) => String(r.eventTime) <= "2023-07-10T11:57:54Z").map((r) => r.eventID as string);
    const second = all.filter((r) => String(r.eventTime) >= "2023-07-10T12:07:57Z").map((r) => r.eventID as string);
    expect([first.length, second.length]).toEqual([40, 20]);

    const hits = rule.evaluate(sortedEvents(records).filter((e) => eventMeetsNeeds(rule.needs, e)), testContext(["123837392027"]));
    expect(hits.map((h) => [...h.eventIds].sort())).toEqual([first.sort(), second.sort()]);
    expect(hits.every((h) => h.principal === "arn:aws:iam::123837392027:user/bert-jan" && !h.failedAttempt)).toBe(true);
    expect(hits[0]!.reason).toMatch(/^40 Secrets Manager reads by arn:aws:iam::123837392027:user\/bert-jan in 4 s \(threshold 10 in 10 min\): 20 distinct secrets; e\.g\. stratus-red-team-retrieve-secret-/);
  });

  it("stratus-red-team: the 20 GetSecretValue of secretsmanager-retrieve-secrets fire; the 5 batch calls do not reach 10", () => {
    const records = readCorpusRecords("stratus-red-team-detonation-logs");
    const expected = secretReads(records, "arn:aws:iam::903144391865:user/christophe").map((r) => r.eventID as string);
    expect(expected).toHaveLength(20);
    expect(secretReads(records, "arn:aws:iam::165109126369:user/christophe")).toHaveLength(5);
    const hits = rule.evaluate(sortedEvents(records).filter((e) => eventMeetsNeeds(rule.needs, e)), testContext([]));
    expect(hits.map((h) => [...h.eventIds].sort())).toEqual([[...expected].sort()]);
  });
});
