import { describe, expect, it } from "vitest";

import { accessKeyNewSourceRule as rule } from "./access-key-new-source";
import { contextualEvent, corpusPresent, handRecord, OWN_ACCOUNT, readCorpusRecords, testContext } from "./__test-helpers__/corpus-events";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of access-key-new-source");

const context = testContext([OWN_ACCOUNT]);

describe("access-key-new-source on hand-written records", () => {
  it("fires on a long-term key's call carrying source deviations, naming each new value", () => {
    const event = contextualEvent(handRecord("k1", "ListBuckets", { eventSource: "s3.amazonaws.com", awsRegion: "ap-south-1" }), ["ip", "region", "hour"]);
    expect(rule.match(event, context)).toEqual({
      failedAttempt: false,
      reason: `Key AKIAEXAMPLEALICE0001 of arn:aws:iam::${OWN_ACCOUNT}:user/alice called ListBuckets from a new IP 198.51.100.7, new region ap-south-1 (not in the identity's baseline).`,
    });
    const denied = contextualEvent(handRecord("k2", "ListUsers", { errorCode: "AccessDenied" }), ["tool"]);
    expect(rule.match(denied, context)).toMatchObject({ failedAttempt: true });
  });

  it("ignores events without source deviations, temporary keys and service calls", () => {
    expect(rule.match(contextualEvent(handRecord("k3", "ListUsers"), ["hour", "service"]), context)).toBeNull();
    expect(rule.match(contextualEvent(handRecord("k4", "ListUsers")), context)).toBeNull();
    const session = handRecord("k5", "ListUsers", {
      userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`, accountId: OWN_ACCOUNT, accessKeyId: "ASIAEXAMPLESESSION01", userName: "alice" },
    });
    expect(rule.match(contextualEvent(session, ["ip"]), context)).toBeNull();
    const role = handRecord("k6", "ListUsers", { userIdentity: { type: "AssumedRole", arn: `arn:aws:sts::${OWN_ACCOUNT}:assumed-role/R/s`, accessKeyId: "AKIAODDROLEKEY000001" } });
    expect(rule.match(contextualEvent(role, ["ip"]), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("access-key-new-source on real records", () => {
  it("sans504: jmerckle's key AKIAU7JNXC7K7XNL3F6J first used from 3.238.12.183 with the AWS CLI", () => {
    // The baselines job marks the first call from each new value. The lab holds no activity of jmerckle
    // before the attack (so no baseline, and no deviations): the deviations are given here as the job
    // would mark them against a baseline of earlier console-only use from elsewhere.
    const records = readCorpusRecords("sans504-s3-ransomware-lab").filter(
      (r) => (r.userIdentity as { userName?: string } | undefined)?.userName === "jmerckle",
    );
    const earliest = [...records].sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)))[0]!;
    expect(earliest.eventName).toBe("GetCallerIdentity");
    const hit = rule.match(contextualEvent(earliest, ["ip", "asn", "country", "tool"]), testContext(["342082656213"]));
    expect(hit).toEqual({
      failedAttempt: false,
      reason:
        "Key AKIAU7JNXC7K7XNL3F6J of arn:aws:iam::342082656213:user/jmerckle called GetCallerIdentity from a new IP 3.238.12.183, new network AS14618, new country US, new tool aws-cli (not in the identity's baseline).",
    });
  });
});
