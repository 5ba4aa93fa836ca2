import { describe, expect, it } from "vitest";

import { iamAccessKeyCreatedForOtherUserRule as rule } from "./iam-access-key-created-for-other-user";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-access-key-created-for-other-user corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const createKey = (eventID: string, userName: string | null, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", requestParameters: userName === null ? null : { userName }, ...extra });

/** Independent of the rule: CreateAccessKey naming a user that is not the calling IAM user. */
const forOtherUser = (r: RawRecord) => {
  const target = (r.requestParameters as RawRecord | null)?.userName;
  const caller = r.userIdentity as RawRecord;
  return r.eventName === "CreateAccessKey" && typeof target === "string" && !(caller.type === "IAMUser" && caller.userName === target);
};

describe("iam-access-key-created-for-other-user", () => {
  it("fires for another user (from an IAM user or a role), not for the caller itself", () => {
    const role = {
      type: "AssumedRole",
      arn: "arn:aws:sts::111111111111:assumed-role/admin/bob",
      accountId: "111111111111",
      sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111111111111:role/admin", userName: "admin" } },
    };
    const records = [
      createKey("other", "bob", { responseElements: { accessKey: { accessKeyId: "AKIANEWKEYFORBOB0001", userName: "bob" } } }),
      createKey("self", "alice"),
      createKey("self-implicit", null),
      createKey("from-role", "bob", { userIdentity: role, errorCode: "AccessDenied" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.principal, h.failedAttempt, h.reason])).toEqual([
      ["other", "arn:aws:iam::111111111111:user/alice", false, 'access key "AKIANEWKEYFORBOB0001" created for IAM user "bob", not the caller'],
      ["from-role", "arn:aws:sts::111111111111:assumed-role/admin/bob", true, 'access key created for IAM user "bob", not the caller — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the two access keys bert-jan created for the new backdoor users", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const expected = records.filter(forOtherUser).map((r) => String(r.eventID)).sort();
      expect(expected).toEqual(["64b7de64-bf53-47ae-b7e3-d30cb1b5136e", "8c282c0b-00d1-4369-95b7-cb50b6eee620"]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected);
      expect(hits.find((h) => h.eventIds[0] === "64b7de64-bf53-47ae-b7e3-d30cb1b5136e")?.reason).toBe(
        'access key "AKIATFQR7NSC3ZO6PKAZ" created for IAM user "stratus-red-team-backdoor-u-user", not the caller',
      );
    });

    it("stratus-red-team and the elastic samples: keys for other users; sans504: jmerckle's key for itself is not this rule's", () => {
      for (const [source, ids] of [
        ["stratus-red-team-detonation-logs", ["94faedcc-0fa4-46e6-9322-022e8e934f04", "c64c4ded-ef03-4e5c-81eb-153b118d72f2"]],
        ["elastic-beats-test-logs-via-matanolabs-logtest", ["EXAMPLE-3cab-40f8-938b-EXAMPLE"]],
        ["sans504-s3-ransomware-lab", []],
      ] as const) {
        const records = readCorpusRecords(source);
        expect(records.filter(forOtherUser).map((r) => String(r.eventID)).sort(), source).toEqual(ids);
        expect(hitIds(runRule(rule, toEvents(records), ctx)), source).toEqual(ids);
      }
    });
  });
});
