import { describe, expect, it } from "vitest";

import { iamRoleTrustsForeignAccountRule as rule } from "./iam-role-trusts-foreign-account";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-role-trusts-foreign-account corpus tests skipped: ../shared/corpus is absent");

const trust = (...statements: RawRecord[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Principal: unknown, extra: RawRecord = {}) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });

/** Independent of the rule: 12-digit accounts named by AWS principals of Allow statements, by a regular expression over the document text. */
const trustedAccounts = (r: RawRecord): string[] => {
  const p = r.requestParameters as RawRecord | null;
  const doc = String(p?.assumeRolePolicyDocument ?? p?.policyDocument ?? "");
  return [...doc.matchAll(/"AWS"\s*:\s*"(?:arn:aws:iam::)?(\d{12})/g)].map((m) => m[1] ?? "");
};

describe("iam-role-trusts-foreign-account", () => {
  const ctx = contextFor(["111111111111", "222222222222"]);

  it("flags accounts outside the case and '*', in CreateRole and UpdateAssumeRolePolicy, plain or URL-encoded", () => {
    const records = [
      fakeRecord({ eventID: "own", eventSource: "iam.amazonaws.com", eventName: "CreateRole", requestParameters: { roleName: "a", assumeRolePolicyDocument: trust(allow({ AWS: "222222222222" })) } }),
      fakeRecord({ eventID: "service", eventSource: "iam.amazonaws.com", eventName: "CreateRole", requestParameters: { roleName: "b", assumeRolePolicyDocument: trust(allow({ Service: "ec2.amazonaws.com" })) } }),
      fakeRecord({
        eventID: "foreign",
        eventSource: "iam.amazonaws.com",
        eventName: "UpdateAssumeRolePolicy",
        requestParameters: { roleName: "c", policyDocument: encodeURIComponent(trust(allow({ AWS: ["arn:aws:iam::333333333333:user/x", "arn:aws:iam::111111111111:root"] }, { Condition: { StringEquals: { "sts:ExternalId": "e" } } }))) },
      }),
      fakeRecord({
        eventID: "anyone",
        eventSource: "iam.amazonaws.com",
        eventName: "CreateRole",
        errorCode: "AccessDenied",
        requestParameters: { roleName: "d", assumeRolePolicyDocument: trust(allow("*")) },
      }),
      fakeRecord({ eventID: "deny", eventSource: "iam.amazonaws.com", eventName: "UpdateAssumeRolePolicy", requestParameters: { roleName: "e", policyDocument: trust({ Effect: "Deny", Principal: { AWS: "444444444444" }, Action: "sts:AssumeRole" }) } }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["foreign", false, 'UpdateAssumeRolePolicy on role "c": trusts account 333333333333 ("arn:aws:iam::333333333333:user/x") with a condition, outside the case\'s accounts'],
      ["anyone", true, 'CreateRole on role "d": trusts any AWS principal ("*"), outside the case\'s accounts — attempt denied ("AccessDenied")'],
    ]);
  });

  it("the event's own account is never foreign, even when the case's account list is empty", () => {
    const record = fakeRecord({ eventSource: "iam.amazonaws.com", eventName: "CreateRole", requestParameters: { roleName: "a", assumeRolePolicyDocument: trust(allow({ AWS: "111111111111" })) } });
    expect(runRule(rule, toEvents([record]), contextFor([]))).toEqual([]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the backdoored role trusting 193672423079; the roles trusting the own account or services do not fire", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const roles = records.filter((r) => r.eventName === "CreateRole" || r.eventName === "UpdateAssumeRolePolicy");
      expect(roles.length).toBe(15);
      const expected = roles.filter((r) => trustedAccounts(r).some((a) => a !== "123837392027"));
      expect(expected.map((r) => [r.eventID, trustedAccounts(r)])).toEqual([["d96d75c7-e715-44ff-9735-9dc51afbd774", ["193672423079"]]]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(["d96d75c7-e715-44ff-9735-9dc51afbd774"]);
      expect(hits[0]?.reason).toBe(
        'UpdateAssumeRolePolicy on role "stratus-red-team-backdoor-r-role": trusts account 193672423079 ("arn:aws:iam::193672423079:root"), outside the case\'s accounts',
      );
    });

    it("stratus-red-team: the backdoor role and the new malicious role, each in its own anonymised account", () => {
      const records = readCorpusRecords("stratus-red-team-detonation-logs");
      const accounts = [...new Set(records.map((r) => String(r.recipientAccountId)))];
      const expected = records
        .filter((r) => (r.eventName === "CreateRole" || r.eventName === "UpdateAssumeRolePolicy") && trustedAccounts(r).some((a) => !accounts.includes(a)))
        .map((r) => String(r.eventID))
        .sort();
      expect(expected).toEqual(["62e290e2-ee95-4a7c-a9f8-db4ef462b12d", "d2905ac3-9898-433f-b10d-9302abe4e208"]);
      expect(hitIds(runRule(rule, toEvents(records), contextFor(accounts)))).toEqual(expected);
    });
  });
});
