import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, rawString, readCorpusRecords, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { runInstancesUnusualRule as rule, unusualInstanceType } from "./run-instances-unusual";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of run-instances-unusual");

const launch = (id: string, instanceType: string | null, fields: RawRecord = {}) =>
  handRecord(id, "RunInstances", {
    requestParameters: { instancesSet: { items: [{ imageId: "ami-1", minCount: 1, maxCount: 20 }] }, ...(instanceType ? { instanceType } : {}) },
    ...fields,
  });

describe("unusualInstanceType", () => {
  it.each([
    ["p2.xlarge", "GPU family"],
    ["p5.48xlarge", "GPU family"],
    ["g4dn.xlarge", "GPU family"],
    ["gr6.4xlarge", "GPU family"],
    ["inf2.xlarge", "machine-learning accelerator family"],
    ["trn1.32xlarge", "machine-learning accelerator family"],
    ["x2iedn.xlarge", "very large memory family"],
    ["c5.metal", "bare metal"],
    ["m7i.metal-24xl", "bare metal"],
    ["c5.24xlarge", "24xlarge size"],
    ["m6i.32xlarge", "32xlarge size"],
    ["u-12tb1.112xlarge", "112xlarge size"],
    ["t3.micro", null],
    ["m5.16xlarge", null],
    ["r6g.12xlarge", null],
  ])("%s → %s", (type, expected) => {
    expect(unusualInstanceType(type)).toBe(expected);
  });
});

describe("run-instances-unusual on hand-written records", () => {
  it("fires on an unusual type and on an unused region, saying which and how many", () => {
    const context = testContext([OWN_ACCOUNT], ["us-east-1", "eu-west-1"]);
    expect(rule.match(contextualEvent(launch("r1", "g5.12xlarge", { awsRegion: "ap-southeast-2" })), context)).toEqual({
      failedAttempt: false,
      reason: `arn:aws:iam::${OWN_ACCOUNT}:user/alice launched up to 20 instances: type g5.12xlarge (GPU family); region ap-southeast-2, not used before.`,
    });
    const refused = launch("r2", "p3.2xlarge", { errorCode: "Client.VcpuLimitExceeded" });
    expect(rule.match(contextualEvent(refused), context)?.reason).toContain("tried to launch (failed: Client.VcpuLimitExceeded) up to 20 instances: type p3.2xlarge");
    expect(rule.match(contextualEvent(refused), context)?.failedAttempt).toBe(true);
    expect(rule.match(contextualEvent(launch("r3", null, { awsRegion: "sa-east-1" })), context)?.reason).toContain("region sa-east-1, not used before");
  });
  it("does not fire on an ordinary type in a used region, nor on regions when none are known", () => {
    expect(rule.match(contextualEvent(launch("r4", "t3.micro")), testContext([OWN_ACCOUNT], ["us-east-1"]))).toBeNull();
    expect(rule.match(contextualEvent(launch("r5", "t3.micro", { awsRegion: "af-south-1" })), testContext([OWN_ACCOUNT]))).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("run-instances-unusual on the corpus", () => {
  /** Independent selection: RunInstances whose requested type is a p-family GPU (the only unusual type in these sources). */
  const gpuLaunches = (records: readonly RawRecord[]) =>
    records.filter((r) => r.eventName === "RunInstances" && /^p\d/.test(rawString(r, "requestParameters.instanceType") ?? "")).map((r) => r.eventID as string).sort();

  it("invictus-ir: the two p2.xlarge launches refused by the vCPU quota, as failed attempts; the t3.micro ones do not fire", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    const expected = gpuLaunches(records);
    expect(expected).toEqual(["2f4876ba-b0fc-4a24-b406-bef4dcc9656f", "8e865acb-b1e1-41d1-bdf3-47462f79d24c"]);
    expect(records.filter((r) => r.eventName === "RunInstances")).toHaveLength(8);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["123837392027"], ["us-east-1"]));
    expect(hits.map((h) => h.eventId).sort()).toEqual(expected);
    expect(hits.map((h) => h.reason)).toEqual([
      "arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2lui-role-pcccexdthk/aws-go-sdk-1688990797103471741 tried to launch (failed: Client.VcpuLimitExceeded) up to 10 instances: type p2.xlarge (GPU family).",
      "arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2lui-role-wuzemnoeqa/aws-go-sdk-1688990966084647983 tried to launch (failed: Client.VcpuLimitExceeded) up to 10 instances: type p2.xlarge (GPU family).",
    ]);
    expect(hits.every((h) => h.failedAttempt)).toBe(true);
  });

  it("stratus-red-team: ec2-launch-unusual-instances (denied); grycap: no unusual type, and every launch outside a region set that lacks us-east-1", () => {
    const stratus = readCorpusRecords("stratus-red-team-detonation-logs");
    expect(gpuLaunches(stratus)).toEqual(["1a4debbb-12e9-4bde-b8c7-ea29002bb2a7"]);
    expect(matchEach(rule, stratus.map((r) => contextualEvent(r)), testContext([])).map((h) => [h.eventId, h.failedAttempt])).toEqual([["1a4debbb-12e9-4bde-b8c7-ea29002bb2a7", true]]);

    const grycap = readCorpusRecords("grycap-cloudtrail-tracker");
    const events = grycap.map((r) => contextualEvent(r));
    expect(gpuLaunches(grycap)).toEqual([]);
    expect(matchEach(rule, events, testContext(["974349055189"], ["us-east-1", "sa-east-1"]))).toEqual([]);
    const launches = grycap.filter((r) => r.eventName === "RunInstances" && r.awsRegion === "us-east-1").map((r) => r.eventID as string).sort();
    expect(launches).toHaveLength(48);
    expect(matchEach(rule, events, testContext(["974349055189"], ["sa-east-1"])).map((h) => h.eventId).sort()).toEqual(launches);
  });
});
