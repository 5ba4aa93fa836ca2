import { describe, expect, it } from "vitest";

import { iamLoginProfileChangedRule as rule } from "./iam-login-profile-changed";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-login-profile-changed corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const profile = (eventID: string, eventName: string, requestParameters: RawRecord | null, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "iam.amazonaws.com", eventName, requestParameters, ...extra });
const ssoSession = {
  type: "AssumedRole",
  arn: "arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123/bob",
  accountId: "111111111111",
  sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111111111111:role/AWSReservedSSO_Admin_0123", userName: "AWSReservedSSO_Admin_0123" } },
};

describe("iam-login-profile-changed", () => {
  it("fires on every CreateLoginProfile and on UpdateLoginProfile of another user", () => {
    const records = [
      profile("create", "CreateLoginProfile", { userName: "backdoor", passwordResetRequired: false }),
      profile("create-self", "CreateLoginProfile", { userName: "alice", passwordResetRequired: true }),
      profile("reset-other", "UpdateLoginProfile", { userName: "bob", passwordResetRequired: true }),
      profile("reset-self", "UpdateLoginProfile", { userName: "alice" }),
      profile("reset-self-sso", "UpdateLoginProfile", { userName: "bob" }, { userIdentity: ssoSession }),
      profile("denied-unrecorded", "UpdateLoginProfile", null, { errorCode: "AccessDenied" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["create", false, 'console password created for IAM user "backdoor"; no password change required at first sign-in'],
      ["create-self", false, 'console password created for IAM user "alice" by the user itself'],
      ["reset-other", false, 'console password of IAM user "bob" reset by another identity'],
      ["denied-unrecorded", true, 'console password of a user (not recorded) reset — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the two login profiles created for new users", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const expected = records.filter((r) => r.eventName === "CreateLoginProfile" || r.eventName === "UpdateLoginProfile");
      expect(expected.map((r) => [r.eventName, (r.requestParameters as RawRecord).userName]).sort()).toEqual([
        ["CreateLoginProfile", "stratus-red-team-login-profile-user"],
        ["CreateLoginProfile", "stratus-red-team-nmfalu-gfjyeaypjt"],
      ]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected.map((r) => String(r.eventID)).sort());
      expect(hitIds(hits)).toEqual(["1170c908-ce8d-4c6f-bc65-cf43aae5235b", "f0d7bb15-75c8-4770-a500-92d1f71b948c"]);
      expect(hits.find((h) => h.eventIds[0] === "f0d7bb15-75c8-4770-a500-92d1f71b948c")?.reason).toBe(
        'console password created for IAM user "stratus-red-team-login-profile-user"; no password change required at first sign-in',
      );
    });

    it("stratus-red-team: CreateLoginProfile and the UpdateLoginProfile of another user", () => {
      const records = readCorpusRecords("stratus-red-team-detonation-logs");
      const expected = records.filter((r) => r.eventName === "CreateLoginProfile" || r.eventName === "UpdateLoginProfile");
      expect(expected.every((r) => (r.requestParameters as RawRecord).userName !== (r.userIdentity as RawRecord).userName)).toBe(true);
      expect(hitIds(runRule(rule, toEvents(records), ctx))).toEqual(expected.map((r) => String(r.eventID)).sort());
      expect(expected.length).toBe(2);
    });
  });
});
