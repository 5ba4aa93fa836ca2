import { describe, expect, it } from "vitest";

import { iamUserCreatedRule as rule } from "./iam-user-created";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-user-created corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const isIamCreateUser = (r: RawRecord) => r.eventName === "CreateUser" && r.eventSource === "iam.amazonaws.com";

describe("iam-user-created", () => {
  it("fires on IAM and Identity Center users, not on other services' CreateUser", () => {
    const records = [
      fakeRecord({ eventID: "iam", eventSource: "iam.amazonaws.com", eventName: "CreateUser", requestParameters: { userName: "backdoor" } }),
      fakeRecord({ eventID: "idc", eventSource: "identitystore.amazonaws.com", eventName: "CreateUser", requestParameters: { UserName: "eve" } }),
      fakeRecord({ eventID: "mq", eventSource: "mq.amazonaws.com", eventName: "CreateUser", requestParameters: { username: "broker" } }),
      fakeRecord({ eventID: "denied", eventSource: "iam.amazonaws.com", eventName: "CreateUser", errorCode: "AccessDenied" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["iam", false, 'IAM user "backdoor" created'],
      ["idc", false, 'IAM Identity Center user "eve" created'],
      ["denied", true, 'IAM user (name not recorded) created — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the four new users", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const expected = records.filter(isIamCreateUser);
      expect(expected.map((r) => (r.requestParameters as RawRecord).userName).sort()).toEqual([
        "malicious-iam-user",
        "stratus-red-team-backdoor-u-user",
        "stratus-red-team-login-profile-user",
        "stratus-red-team-nmfalu-gfjyeaypjt",
      ]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected.map((r) => String(r.eventID)).sort());
      expect(hitIds(hits)).toEqual([
        "564ee71e-5934-49b7-8a5f-d6f4d9248018",
        "648d0a9c-6d07-4c99-bd4e-9a27b3ad45d2",
        "66d008e1-12cf-4a45-99e7-0be67fc70d71",
        "85c89720-8103-4281-9e0e-8977b52bcdbe",
      ]);
      expect(hits.find((h) => h.eventIds[0] === "85c89720-8103-4281-9e0e-8977b52bcdbe")).toEqual({
        eventIds: ["85c89720-8103-4281-9e0e-8977b52bcdbe"],
        principal: "arn:aws:iam::123837392027:user/bert-jan",
        failedAttempt: false,
        reason: 'IAM user "malicious-iam-user" created',
      });
    });

    it("traildiscover: the denied IAM CreateUser and the Identity Center one fire; Transfer Family's CreateUser does not", () => {
      const records = readCorpusRecords("traildiscover-log-examples");
      const createUsers = records.filter((r) => r.eventName === "CreateUser");
      expect(createUsers.map((r) => r.eventSource).sort()).toEqual(["iam.amazonaws.com", "sso-directory.amazonaws.com", "transfer.amazonaws.com"]);
      const expected = createUsers.filter((r) => r.eventSource !== "transfer.amazonaws.com").map((r) => String(r.eventID)).sort();
      const hits = runRule(rule, toEvents(records), ctx);
      expect(hitIds(hits)).toEqual(expected);
      expect(hits.map((h) => h.failedAttempt).sort()).toEqual([false, true]);
    });

    it("sans504 and grycap: no user created, no hit", () => {
      for (const source of ["sans504-s3-ransomware-lab", "grycap-cloudtrail-tracker"]) {
        expect(runRule(rule, toEvents(readCorpusRecords(source)), ctx), source).toEqual([]);
      }
    });
  });
});
