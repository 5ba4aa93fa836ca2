import { describe, expect, it } from "vitest";

import { eventMeetsNeeds } from "@/lib/findings/needs-sql";

import { corpusPresent, handRecord, OWN_ACCOUNT, rawString, readCorpusRecords, sortedEvents, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { massDeletionRule as rule } from "./mass-deletion";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of mass-deletion");

const deletions = (names: string[], fields: RawRecord = {}) =>
  names.map((name, i) => handRecord(`d${i}`, name, { eventTime: new Date(Date.UTC(2024, 4, 1, 10, 0, i * 30)).toISOString(), ...fields }));

describe("mass-deletion on hand-written records", () => {
  it("fires once for ten deletions in the window, listing the APIs", () => {
    const records = deletions([...Array(6).fill("DeleteSnapshot"), "DeleteBucket", "TerminateInstances", "DeleteDBInstance", "DeleteSecret"]);
    expect(rule.evaluate(sortedEvents(records), testContext([OWN_ACCOUNT]))).toEqual([
      {
        eventIds: records.map((r) => r.eventID as string),
        principal: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`,
        failedAttempt: false,
        reason: `10 deletions by arn:aws:iam::${OWN_ACCOUNT}:user/alice in 4 min 30 s (threshold 10 in 10 min); 5 distinct APIs: DeleteSnapshot, DeleteBucket, TerminateInstances, DeleteDBInstance, DeleteSecret.`,
      },
    ]);
  });
  it("ignores queue acknowledgements and services; below the threshold nothing; all failed is a failed attempt", () => {
    expect(rule.evaluate(sortedEvents(deletions(Array(9).fill("DeleteObject"))), testContext([OWN_ACCOUNT]))).toEqual([]);
    expect(rule.evaluate(sortedEvents(deletions(Array(20).fill("DeleteMessage"))), testContext([OWN_ACCOUNT]))).toEqual([]);
    const slr = deletions(Array(20).fill("DeleteNetworkInterface"), {
      userIdentity: {
        type: "AssumedRole",
        arn: `arn:aws:sts::${OWN_ACCOUNT}:assumed-role/AWSServiceRoleForRDS/x`,
        sessionContext: { sessionIssuer: { type: "Role", arn: `arn:aws:iam::${OWN_ACCOUNT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS` } },
      },
    });
    expect(rule.evaluate(sortedEvents(slr), testContext([OWN_ACCOUNT]))).toEqual([]);
    const refused = rule.evaluate(sortedEvents(deletions(Array(10).fill("DeleteBucket"), { errorCode: "AccessDenied" })), testContext([OWN_ACCOUNT]));
    expect(refused.map((h) => [h.failedAttempt, h.reason.includes(", 10 failed;"), h.reason.endsWith(" Every call failed.")])).toEqual([[true, true, true]]);
  });
});

describe.skipIf(!corpusPresent)("mass-deletion on the corpus", () => {
  it("invictus-ir: bert-jan's two waves of deletions (11:59:02-12:14:43 and 12:28:24-12:28:41)", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    // Independent selection: bert-jan's Delete*/TerminateInstances calls in each wave.
    const wave = (from: string, to: string) =>
      records
        .filter(
          (r) =>
            rawString(r, "userIdentity.userName") === "bert-jan" &&
            (String(r.eventName).startsWith("Delete") || r.eventName === "TerminateInstances") &&
            String(r.eventTime) >= from &&
            String(r.eventTime) <= to,
        )
        .map((r) => r.eventID as string)
        .sort();
    const first = wave("2023-07-10T11:59:02Z", "2023-07-10T12:14:43Z");
    const second = wave("2023-07-10T12:28:24Z", "2023-07-10T12:28:41Z");
    expect([first.length, second.length]).toEqual([157, 37]);
    const hits = rule.evaluate(sortedEvents(records).filter((e) => eventMeetsNeeds(rule.needs, e)), testContext(["123837392027"]));
    expect(hits.map((h) => [...h.eventIds].sort())).toEqual([first, second]);
    expect(hits.map((h) => h.failedAttempt)).toEqual([false, false]);
    expect(hits[1]!.reason).toMatch(/^37 deletions by arn:aws:iam::123837392027:user\/bert-jan in 17 s \(threshold 10 in 10 min\), 4 failed; 17 distinct APIs: DeleteUser, /);
  });

  it("grycap: alucloud00's scheduled snapshot clean-ups that all failed (InvalidSnapshot.InUse) are failed attempts", () => {
    const records = readCorpusRecords("grycap-cloudtrail-tracker");
    const hits = rule.evaluate(sortedEvents(records).filter((e) => eventMeetsNeeds(rule.needs, e)), testContext(["974349055189"]));
    const failedOnly = hits.filter((h) => h.failedAttempt);
    expect(failedOnly).toHaveLength(4);
    const byId = new Map(records.map((r) => [r.eventID as string, r]));
    for (const hit of failedOnly) {
      expect(hit.principal).toBe("arn:aws:iam::974349055189:user/alucloud00");
      expect(hit.eventIds.every((id) => typeof byId.get(id)?.errorCode === "string")).toBe(true);
    }
    expect(hits.map((h) => [(h.principal ?? "").split(":").pop(), h.eventIds.length])).toEqual([
      ["user/gmolto", 21],
      ...[24, 24, 24].map((n) => ["user/alucloud00", n]),
      ["user/micafer", 10],
      ["user/micafer", 10],
      ...[19, 26, 24, 25].map((n) => ["user/alucloud00", n]),
    ]);
  });
});
