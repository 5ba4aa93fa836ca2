import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, OWN_ACCOUNT, readCorpusRecords, testContext } from "./__test-helpers__/corpus-events";
import { getCallerIdentityNewSourceRule as rule } from "./get-caller-identity-new-source";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of get-caller-identity-new-source");

const whoami = (id: string, fields = {}) => handRecord(id, "GetCallerIdentity", { eventSource: "sts.amazonaws.com", ...fields });

describe("get-caller-identity-new-source on hand-written records", () => {
  const context = testContext([OWN_ACCOUNT]);
  it("fires when the call carries a new IP, network, country or tool", () => {
    expect(rule.match(contextualEvent(whoami("g1"), ["country", "tool"]), context)).toEqual({
      failedAttempt: false,
      reason: `GetCallerIdentity by arn:aws:iam::${OWN_ACCOUNT}:user/alice (key AKIAEXAMPLEALICE0001) from a new country (none), new tool aws-cli.`,
    });
  });
  it("does not fire without such a deviation, on a new region or hour only, or on other calls", () => {
    expect(rule.match(contextualEvent(whoami("g2")), context)).toBeNull();
    expect(rule.match(contextualEvent(whoami("g3"), ["region", "hour", "service"]), context)).toBeNull();
    expect(rule.match(contextualEvent(handRecord("g4", "ListUsers"), ["ip"]), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("get-caller-identity-new-source on real records", () => {
  it("invictus-ir: the stolen instance credentials' whoami from 192.168.10.20, marked new IP and new tool", () => {
    const record = readCorpusRecords("invictus-ir-aws_dataset").find((r) => r.eventID === "bf68f8c0-590b-4740-ac89-aad0ed5dfe4f")!;
    expect(record.eventName).toBe("GetCallerIdentity");
    // The instance role's baseline holds the SSM agent's calls (AWS addresses, aws-sdk-go); the thief's
    // first call brings a new IP and a new tool, as the baselines job marks it with a baseline end before it.
    expect(rule.match(contextualEvent(record, ["ip", "tool"]), testContext(["123837392027"]))).toEqual({
      failedAttempt: false,
      reason:
        "GetCallerIdentity by arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2-steal-credentials-role/i-0dbc91f429e48eeed (key ASIATFQR7NSC36DZQP7P) from a new IP 192.168.10.20, new tool aws-sdk-go-v2.",
    });
    expect(rule.match(contextualEvent(record), testContext(["123837392027"]))).toBeNull();
  });
});
