import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, readCorpusRecords, testContext } from "./__test-helpers__/corpus-events";
import { ec2GetPasswordDataRule as rule } from "./ec2-get-password-data";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of ec2-get-password-data");

describe("ec2-get-password-data on hand-written records", () => {
  const context = testContext([OWN_ACCOUNT]);
  it("fires on each call, naming the instance; a refused one is a failed attempt", () => {
    const ok = handRecord("w1", "GetPasswordData", { requestParameters: { instanceId: "i-0123456789abcdef0" } });
    expect(rule.match(contextualEvent(ok), context)).toEqual({
      failedAttempt: false,
      reason: `arn:aws:iam::${OWN_ACCOUNT}:user/alice got the password data of instance i-0123456789abcdef0 from 198.51.100.7 with aws-cli.`,
    });
    const refused = handRecord("w2", "GetPasswordData", { requestParameters: { instanceId: "i-1" }, errorCode: "Client.UnauthorizedOperation" });
    expect(rule.match(contextualEvent(refused), context)?.failedAttempt).toBe(true);
    expect(rule.match(contextualEvent(handRecord("w3", "GetConsoleOutput")), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("ec2-get-password-data on the corpus", () => {
  it.each([
    ["invictus-ir-aws_dataset", 29, 29],
    ["stratus-red-team-detonation-logs", 30, 30],
    ["grycap-cloudtrail-tracker", 3, 0],
  ])("%s: every GetPasswordData call (%i), refused ones (%i) as failed attempts", (source, total, refused) => {
    const records = readCorpusRecords(source);
    const calls = records.filter((r) => r.eventName === "GetPasswordData");
    expect(calls).toHaveLength(total);
    const failed = calls.filter((r) => typeof r.errorCode === "string").map((r) => r.eventID as string);
    expect(failed).toHaveLength(refused);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext([]));
    expect(hits.map((h) => h.eventId).sort()).toEqual(calls.map((r) => r.eventID as string).sort());
    expect(hits.filter((h) => h.failedAttempt).map((h) => h.eventId).sort()).toEqual(failed.sort());
  });
});
