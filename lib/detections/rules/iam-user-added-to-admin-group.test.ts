import { describe, expect, it } from "vitest";

import { iamUserAddedToAdminGroupRule as rule } from "./iam-user-added-to-admin-group";
import { contextFor, corpusAvailable, fakeRecord, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-user-added-to-admin-group corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const iam = (eventID: string, eventName: string, eventTime: string, requestParameters: RawRecord | null, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "iam.amazonaws.com", eventName, eventTime, requestParameters, ...extra });

describe("iam-user-added-to-admin-group", () => {
  it("knows admin groups by the admin policy they were given (before or after) or by name", () => {
    const records = [
      iam("add-ops", "AddUserToGroup", "2024-01-01T00:00:00Z", { groupName: "ops", userName: "mallory" }),
      iam("grant-ops", "AttachGroupPolicy", "2024-01-01T00:01:00Z", { groupName: "ops", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
      iam("add-readers", "AddUserToGroup", "2024-01-01T00:02:00Z", { groupName: "readers", userName: "mallory" }),
      iam("add-named", "AddUserToGroup", "2024-01-01T00:03:00Z", { groupName: "SysAdmins", userName: "mallory" }, { errorCode: "AccessDenied" }),
      iam("denied-grant", "PutGroupPolicy", "2024-01-01T00:04:00Z", { groupName: "devs", policyName: "all", policyDocument: '{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}' }, { errorCode: "AccessDenied" }),
      iam("add-devs", "AddUserToGroup", "2024-01-01T00:05:00Z", { groupName: "devs", userName: "mallory" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      [
        "add-ops",
        false,
        'user "mallory" added to group "ops", which is admin: AWS managed policy "arn:aws:iam::aws:policy/AdministratorAccess" attached (AttachGroupPolicy at 2024-01-01T00:01:00.000Z)',
      ],
      ["add-named", true, 'user "mallory" added to group "SysAdmins", which is admin: its name says it is for administrators — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("elastic samples: Bob added to the group named admin", () => {
      const records = readCorpusRecords("elastic-beats-test-logs-via-matanolabs-logtest");
      const adds = records.filter((r) => r.eventName === "AddUserToGroup");
      expect(adds.map((r) => r.requestParameters)).toEqual([{ userName: "Bob", groupName: "admin" }]);
      const hits = runRule(rule, toEvents(records), ctx);
      expect(hits.map((h) => [h.principal, h.failedAttempt, h.reason])).toEqual([
        ["arn:aws:iam::123456789012:user/Alice", false, 'user "Bob" added to group "admin", which is admin: its name says it is for administrators'],
      ]);
      expect(hits[0]?.eventIds).toHaveLength(1);
    });

    it("traildiscover: the denied AddUserToGroup names no group, so it cannot be judged", () => {
      const records = readCorpusRecords("traildiscover-log-examples");
      expect(records.filter((r) => r.eventName === "AddUserToGroup").map((r) => [r.errorCode, r.requestParameters])).toEqual([["AccessDenied", null]]);
      expect(runRule(rule, toEvents(records), ctx)).toEqual([]);
    });
  });
});
