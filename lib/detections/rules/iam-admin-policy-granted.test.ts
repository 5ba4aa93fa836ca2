import { describe, expect, it } from "vitest";

import { iamAdminPolicyGrantedRule as rule } from "./iam-admin-policy-granted";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-admin-policy-granted corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const iam = (eventID: string, eventName: string, eventTime: string, requestParameters: RawRecord, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "iam.amazonaws.com", eventName, eventTime, requestParameters, ...extra });
const ADMIN_DOC = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const S3_DOC = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
const CUSTOM = "arn:aws:iam::111111111111:policy/helpdesk";

/** Independent of the rule: Attach* of AdministratorAccess, or an inline document allowing "*" on "*". */
const grantsAdmin = (r: RawRecord) => {
  const p = r.requestParameters as RawRecord | null;
  if (/^Attach(User|Role|Group)Policy$/.test(String(r.eventName))) return p?.policyArn === "arn:aws:iam::aws:policy/AdministratorAccess";
  if (!/^Put(User|Role|Group)Policy$/.test(String(r.eventName)) || typeof p?.policyDocument !== "string") return false;
  const doc = JSON.parse(p.policyDocument) as { Statement: RawRecord[] };
  return doc.Statement.some((s) => s.Effect === "Allow" && s.Action === "*" && s.Resource === "*");
};

describe("iam-admin-policy-granted", () => {
  it("flags managed admin policies, admin inline documents, admin customer policies and admin default versions", () => {
    const records = [
      iam("create-admin", "CreatePolicy", "2024-01-01T00:00:00Z", { policyName: "helpdesk", policyDocument: encodeURIComponent(ADMIN_DOC) }, {
        responseElements: { policy: { arn: CUSTOM } },
      }),
      iam("attach-custom", "AttachGroupPolicy", "2024-01-01T00:01:00Z", { groupName: "helpdesk", policyArn: CUSTOM }),
      iam("attach-iam-full", "AttachRolePolicy", "2024-01-01T00:02:00Z", { roleName: "ci", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
      iam("attach-readonly", "AttachUserPolicy", "2024-01-01T00:03:00Z", { userName: "bob", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
      iam("put-s3", "PutRolePolicy", "2024-01-01T00:04:00Z", { roleName: "ci", policyName: "s3", policyDocument: S3_DOC }),
      iam("put-self", "PutUserPolicy", "2024-01-01T00:05:00Z", { userName: "alice", policyName: "x", policyDocument: ADMIN_DOC }, { errorCode: "AccessDenied" }),
      iam("version", "CreatePolicyVersion", "2024-01-01T00:06:00Z", { policyArn: "arn:aws:iam::111111111111:policy/app", policyDocument: ADMIN_DOC, setAsDefault: true }),
      iam("version-not-default", "CreatePolicyVersion", "2024-01-01T00:07:00Z", { policyArn: "arn:aws:iam::111111111111:policy/app2", policyDocument: ADMIN_DOC, setAsDefault: false }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      [
        "attach-custom",
        false,
        'AttachGroupPolicy: customer managed policy "arn:aws:iam::111111111111:policy/helpdesk" attached, whose document grants Allow "*" on "*" to group "helpdesk"',
      ],
      ["attach-iam-full", false, 'AttachRolePolicy: AWS managed policy "arn:aws:iam::aws:policy/IAMFullAccess" attached to role "ci"'],
      ["put-self", true, 'PutUserPolicy: inline policy "x" grants Allow "*" on "*" to user "alice" (the caller granted itself) — attempt denied ("AccessDenied")'],
      [
        "version",
        false,
        'CreatePolicyVersion: new default version of policy "arn:aws:iam::111111111111:policy/app" grants Allow "*" on "*": every identity holding it escalates',
      ],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("sans504: jmerckle's inline policy zlj9i0k83o allowing * on *", () => {
      const records = readCorpusRecords("sans504-s3-ransomware-lab");
      const expected = records.filter(grantsAdmin);
      expect(expected.map((r) => [r.eventID, (r.requestParameters as RawRecord).policyName])).toEqual([["28072de0-2382-4b53-83bc-08f6d6b75381", "zlj9i0k83o"]]);
      const hits = runRule(rule, toEvents(records), contextFor(["342082656213"]));
      expect(hits).toEqual([
        {
          eventIds: ["28072de0-2382-4b53-83bc-08f6d6b75381"],
          principal: "arn:aws:iam::342082656213:user/jmerckle",
          failedAttempt: false,
          reason: 'PutUserPolicy: inline policy "zlj9i0k83o" grants Allow "*" on "*" to user "jmerckle" (the caller granted itself)',
        },
      ]);
    });

    it("invictus-ir and stratus-red-team: AdministratorAccess attached to the backdoor user and role; narrower grants do not fire", () => {
      for (const [source, ids, grants] of [
        ["invictus-ir-aws_dataset", ["493e08b7-63e4-49a4-832a-1a7598ce78e5", "f4923a37-92d5-4dfd-9786-6caef2b5f33c"], 12],
        ["stratus-red-team-detonation-logs", ["083dc4ad-e264-46bc-a407-d0dd31b58bdc", "39480357-0a1d-4531-a3f2-71be4c041c25"], 2],
      ] as const) {
        const records = readCorpusRecords(source);
        expect(records.filter(grantsAdmin).map((r) => String(r.eventID)).sort(), source).toEqual(ids);
        // invictus also attaches SSM and EC2-describe policies to its roles: 10 grants that are not admin.
        expect(records.filter((r) => /^(Attach|Put)(User|Role|Group)Policy$/.test(String(r.eventName))).length, source).toBe(grants);
        expect(hitIds(runRule(rule, toEvents(records), ctx)), source).toEqual(ids);
      }
    });

    it("grycap: a group policy that denies S3 actions is not a grant", () => {
      const records = readCorpusRecords("grycap-cloudtrail-tracker");
      expect(records.filter((r) => r.eventName === "PutGroupPolicy").length).toBe(1);
      expect(runRule(rule, toEvents(records), ctx)).toEqual([]);
    });
  });
});
