import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, rawString, readCorpusRecords, testContext } from "./__test-helpers__/corpus-events";
import { rootAccountActivityRule as rule } from "./root-account-activity";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of root-account-activity");

const root = { type: "Root", principalId: OWN_ACCOUNT, arn: `arn:aws:iam::${OWN_ACCOUNT}:root`, accountId: OWN_ACCOUNT, accessKeyId: "AKIAROOTEXAMPLE00001" };

describe("root-account-activity on hand-written records", () => {
  const context = testContext([OWN_ACCOUNT]);

  it("fires on a root call, says what and from where, and marks a denied one as a failed attempt", () => {
    const ok = rule.match(contextualEvent(handRecord("r1", "CreateAccessKey", { userIdentity: root, eventSource: "iam.amazonaws.com" })), context);
    expect(ok).toEqual({
      failedAttempt: false,
      reason: "Root user called CreateAccessKey on iam.amazonaws.com from 198.51.100.7 with key AKIAROOTEXAMPLE00001.",
    });
    const denied = rule.match(contextualEvent(handRecord("r2", "ListUsers", { userIdentity: root, errorCode: "AccessDenied" })), context);
    expect(denied?.failedAttempt).toBe(true);
    expect(denied?.reason).toContain("(refused: AccessDenied)");
    const other = rule.match(contextualEvent(handRecord("r3", "GetBucketPolicy", { userIdentity: root, errorCode: "NoSuchBucketPolicy" })), context);
    expect(other?.failedAttempt).toBe(false);
  });

  it("ignores other identities and calls AWS services make on root's behalf", () => {
    expect(rule.match(contextualEvent(handRecord("r4", "ListUsers")), context)).toBeNull();
    const viaService = handRecord("r5", "Decrypt", { userIdentity: { ...root, invokedBy: "s3.amazonaws.com" } });
    expect(rule.match(contextualEvent(viaService), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("root-account-activity on sans504-s3-ransomware-lab", () => {
  it("fires on each of the 656 calls the root user made itself, one failed attempt: the failed console sign-in", () => {
    const records = readCorpusRecords("sans504-s3-ransomware-lab");
    // Independent selection: userIdentity.type Root, no invokedBy, not a service event.
    const expected = records
      .filter((r) => rawString(r, "userIdentity.type") === "Root" && rawString(r, "userIdentity.invokedBy") === undefined && r.eventType !== "AwsServiceEvent")
      .map((r) => r.eventID as string)
      .sort();
    expect(expected).toHaveLength(656);
    const failedExpected = records
      .filter((r) => rawString(r, "userIdentity.type") === "Root" && rawString(r, "responseElements.ConsoleLogin") === "Failure")
      .map((r) => r.eventID);
    expect(failedExpected).toEqual(["96936d41-6e5e-4a11-9d2f-a71f5563d495"]);

    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["342082656213"]));
    expect(hits.map((h) => h.eventId).sort()).toEqual(expected);
    expect(hits.filter((h) => h.failedAttempt).map((h) => h.eventId)).toEqual(failedExpected);
    expect(hits.find((h) => h.eventId === "96936d41-6e5e-4a11-9d2f-a71f5563d495")?.reason).toBe(
      "Root user called ConsoleLogin on signin.amazonaws.com from 96.253.26.224 (refused: Failed authentication).",
    );
  });
});
