import { describe, expect, it } from "vitest";

import { iamAccessKeySelfIssuedRule as rule } from "./iam-access-key-self-issued";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-access-key-self-issued corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const createKey = (eventID: string, requestParameters: RawRecord | null, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", requestParameters, ...extra });

describe("iam-access-key-self-issued", () => {
  it("fires when an IAM user's long-term key creates a key for the same user; not from the console, a session key or for another user", () => {
    const records = [
      createKey("named", { userName: "alice" }, { responseElements: { accessKey: { accessKeyId: "AKIASECONDKEYALICE01" } } }),
      createKey("implicit", {}),
      createKey("console", { userName: "alice" }, { sessionCredentialFromConsole: "true" }),
      createKey("session-key", { userName: "alice" }, { userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111111111111:user/alice", userName: "alice", accessKeyId: "ASIATEMPORARYKEY0001" } }),
      createKey("other", { userName: "bob" }),
      createKey("denied-unrecorded", null, { errorCode: "AccessDenied" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["named", false, 'IAM user "alice" used its access key "AKIAEXAMPLEALICE0001" to create a second key "AKIASECONDKEYALICE01" for itself'],
      ["implicit", false, 'IAM user "alice" used its access key "AKIAEXAMPLEALICE0001" to create another key for itself'],
      [
        "denied-unrecorded",
        true,
        'IAM user "alice" used its access key "AKIAEXAMPLEALICE0001" to create an access key (the target user is not recorded) — attempt denied ("AccessDenied")',
      ],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("sans504: the new access key jmerckle created for itself with its stolen key", () => {
      const records = readCorpusRecords("sans504-s3-ransomware-lab");
      const expected = records.filter((r) => {
        const caller = r.userIdentity as RawRecord;
        return r.eventName === "CreateAccessKey" && caller.type === "IAMUser" && (r.requestParameters as RawRecord).userName === caller.userName && String(caller.accessKeyId).startsWith("AKIA");
      });
      expect(expected.map((r) => r.eventID)).toEqual(["a98b8878-ed1a-4e1e-9e0e-8276efd4d786"]);
      expect((expected[0]?.responseElements as { accessKey: RawRecord }).accessKey.accessKeyId).toBe("AKIAU7JNXC7KZLY6XYHJ");

      const hits = runRule(rule, toEvents(records), contextFor(["342082656213"]));
      expect(hits).toEqual([
        {
          eventIds: ["a98b8878-ed1a-4e1e-9e0e-8276efd4d786"],
          principal: "arn:aws:iam::342082656213:user/jmerckle",
          failedAttempt: false,
          reason: 'IAM user "jmerckle" used its access key "AKIAU7JNXC7K7XNL3F6J" to create a second key "AKIAU7JNXC7KZLY6XYHJ" for itself',
        },
      ]);
    });

    it("invictus-ir: both keys were created for other users, so none here", () => {
      expect(hitIds(runRule(rule, toEvents(readCorpusRecords("invictus-ir-aws_dataset")), ctx))).toEqual([]);
    });
  });
});
