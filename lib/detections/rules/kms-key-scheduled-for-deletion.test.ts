import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, readCorpusRecords, testContext } from "./__test-helpers__/corpus-events";
import { kmsKeyScheduledForDeletionRule as rule } from "./kms-key-scheduled-for-deletion";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of kms-key-scheduled-for-deletion");

describe("kms-key-scheduled-for-deletion on hand-written records", () => {
  const context = testContext([OWN_ACCOUNT]);
  it("fires with the key, the waiting period and the date; a refused one is a failed attempt", () => {
    const record = handRecord("k1", "ScheduleKeyDeletion", {
      eventSource: "kms.amazonaws.com",
      requestParameters: { keyId: `arn:aws:kms:us-east-1:${OWN_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, pendingWindowInDays: 7 },
      responseElements: { keyId: "x", deletionDate: "May 8, 2024, 12:00:00 AM", keyState: "PendingDeletion", pendingWindowInDays: 7 },
    });
    expect(rule.match(contextualEvent(record), context)).toEqual({
      failedAttempt: false,
      reason: `arn:aws:iam::${OWN_ACCOUNT}:user/alice scheduled the deletion of KMS key arn:aws:kms:us-east-1:${OWN_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab in 7 days (on May 8, 2024, 12:00:00 AM).`,
    });
    const refused = handRecord("k2", "ScheduleKeyDeletion", { requestParameters: { keyId: "k" }, errorCode: "AccessDeniedException" });
    expect(rule.match(contextualEvent(refused), context)).toEqual({
      failedAttempt: true,
      reason: `arn:aws:iam::${OWN_ACCOUNT}:user/alice tried to schedule (failed: AccessDeniedException) the deletion of KMS key k.`,
    });
    expect(rule.match(contextualEvent(handRecord("k3", "DisableKey", { requestParameters: { keyId: "k" } })), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("kms-key-scheduled-for-deletion on the corpus", () => {
  it("panther-analysis test events: the two ScheduleKeyDeletion records fire, nothing else", () => {
    const records = readCorpusRecords("panther-analysis-cloudtrail-rule-tests");
    const expected = records.filter((r) => r.eventName === "ScheduleKeyDeletion");
    expect(expected).toHaveLength(2);
    const events = records.map((r) => contextualEvent(r));
    const hits = matchEach(rule, events, testContext([]));
    expect(hits).toHaveLength(2);
    expect(hits.every((h) => !h.failedAttempt && h.reason.includes("scheduled the deletion of KMS key 1 in 30 days"))).toBe(true);
    for (const source of ["sans504-s3-ransomware-lab", "invictus-ir-aws_dataset", "grycap-cloudtrail-tracker"]) {
      expect(readCorpusRecords(source).filter((r) => r.eventName === "ScheduleKeyDeletion")).toHaveLength(0);
    }
  });
});
