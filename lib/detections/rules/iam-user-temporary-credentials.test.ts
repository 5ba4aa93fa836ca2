import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, rawString, readCorpusRecords, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { iamUserTemporaryCredentialsRule as rule } from "./iam-user-temporary-credentials";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of iam-user-temporary-credentials");

const context = testContext([OWN_ACCOUNT]);

describe("iam-user-temporary-credentials on hand-written records", () => {
  it("fires on GetSessionToken by an IAM user, with duration and issued key", () => {
    const record = handRecord("t1", "GetSessionToken", {
      eventSource: "sts.amazonaws.com",
      requestParameters: { durationSeconds: 129600 },
      responseElements: { credentials: { accessKeyId: "ASIAEXAMPLEISSUED001", expiration: "May 3, 2024, 10:00:00 PM", sessionToken: "x" } },
    });
    expect(rule.match(contextualEvent(record), context)).toEqual({
      failedAttempt: false,
      reason: "IAM user alice called GetSessionToken with key AKIAEXAMPLEALICE0001 from 198.51.100.7: duration 129600 s, issued key ASIAEXAMPLEISSUED001.",
    });
  });
  it("ignores roles, root (root-account-activity covers it) and other STS calls", () => {
    const role = handRecord("t2", "GetSessionToken", { userIdentity: { type: "AssumedRole", arn: `arn:aws:sts::${OWN_ACCOUNT}:assumed-role/R/s` } });
    expect(rule.match(contextualEvent(role), context)).toBeNull();
    expect(rule.match(contextualEvent(handRecord("t3", "GetSessionToken", { userIdentity: { type: "Root", arn: `arn:aws:iam::${OWN_ACCOUNT}:root` } })), context)).toBeNull();
    expect(rule.match(contextualEvent(handRecord("t4", "AssumeRole")), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("iam-user-temporary-credentials on the corpus", () => {
  const selected = (records: readonly RawRecord[]) =>
    records
      .filter((r) => (r.eventName === "GetSessionToken" || r.eventName === "GetFederationToken") && rawString(r, "userIdentity.type") === "IAMUser")
      .map((r) => ({ id: r.eventID as string, failed: typeof r.errorCode === "string" }));

  it("stratus-red-team: the federation token of Stratus sts-federation-token", () => {
    const records = readCorpusRecords("stratus-red-team-detonation-logs");
    expect(selected(records)).toEqual([{ id: "6e882b9d-2af8-4c67-b91f-aeac6a0e5e70", failed: false }]);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["742491224508"]));
    expect(hits).toEqual([
      {
        eventId: "6e882b9d-2af8-4c67-b91f-aeac6a0e5e70",
        failedAttempt: false,
        reason:
          "IAM user stratus-red-team-user-federation-user called GetFederationToken with key AKIA6V1GNZTT65XQH36M from 255.090.254.5: federated user name stratus_red_team, issued key ASIASTJKC5GCM7ZE6LUP.",
      },
    ]);
  });

  it("traildiscover: the two denied examples fire as failed attempts; grycap's root GetSessionToken does not", () => {
    const records = readCorpusRecords("traildiscover-log-examples");
    const expected = selected(records);
    expect(expected).toEqual([
      { id: "e7b87da5-3311-4eec-91f9-d88d61a982cd", failed: true },
      { id: "7b72a207-9b9e-40e1-bcec-b4ba06bc343b", failed: true },
    ]);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["111111111111"]));
    expect(hits.map((h) => ({ id: h.eventId, failed: h.failedAttempt }))).toEqual(expected);
    const grycap = readCorpusRecords("grycap-cloudtrail-tracker");
    expect(selected(grycap)).toEqual([]);
    expect(matchEach(rule, grycap.filter((r) => r.eventName === "GetSessionToken").map((r) => contextualEvent(r)), testContext([]))).toEqual([]);
  });
});
