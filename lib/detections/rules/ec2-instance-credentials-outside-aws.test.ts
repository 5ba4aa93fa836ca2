import { describe, expect, it } from "vitest";

import { detectionEventFromRecord } from "@/lib/detections/detection-event";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, rawString, readCorpusRecords, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { ec2InstanceCredentialsOutsideAwsRule as rule } from "./ec2-instance-credentials-outside-aws";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of ec2-instance-credentials-outside-aws");

const instanceIdentity = (session = "i-0abcdef1234567890", extra: Record<string, unknown> = {}) => ({
  type: "AssumedRole",
  principalId: `AROAEXAMPLE:${session}`,
  arn: `arn:aws:sts::${OWN_ACCOUNT}:assumed-role/AppRole/${session}`,
  accountId: OWN_ACCOUNT,
  accessKeyId: "ASIAEXAMPLEINSTANCE1",
  sessionContext: {
    sessionIssuer: { type: "Role", arn: `arn:aws:iam::${OWN_ACCOUNT}:role/AppRole`, accountId: OWN_ACCOUNT, userName: "AppRole" },
    attributes: { creationDate: "2024-05-01T09:00:00Z", mfaAuthenticated: "false" },
    ec2RoleDelivery: "1.0",
  },
  ...extra,
});
const call = (id: string, ip: string, fields: RawRecord = {}) => handRecord(id, "DescribeInstances", { userIdentity: instanceIdentity(), sourceIPAddress: ip, ...fields });

describe("ec2-instance-credentials-outside-aws on hand-written records", () => {
  const context = testContext([OWN_ACCOUNT]);

  it("fires from a public address outside AWS, naming the instance, the key, IMDSv1 and the place", () => {
    const event = detectionEventFromRecord(call("p", "45.33.32.156"), { sourceKind: "public", sourceCountry: "US", sourceAsn: 63949 });
    expect(rule.match(event, context)).toEqual({
      failedAttempt: false,
      reason:
        "Credentials of instance i-0abcdef1234567890 (key ASIAEXAMPLEINSTANCE1, delivered by IMDSv1) called DescribeInstances from public address 45.33.32.156 outside AWS (US, AS63949).",
    });
  });

  it("does not fire from inside AWS, through a VPC endpoint, from a service, or for other sessions", () => {
    expect(rule.match(detectionEventFromRecord(call("a", "52.45.102.28"), { sourceKind: "aws" }), context)).toBeNull();
    expect(rule.match(detectionEventFromRecord(call("v", "10.0.1.50", { vpcEndpointId: "vpce-0123" }), { sourceKind: "private" }), context)).toBeNull();
    expect(rule.match(detectionEventFromRecord(call("s", "ssm.amazonaws.com"), { sourceKind: "aws-service" }), context)).toBeNull();
    const invoked = call("i", "45.33.32.156", { userIdentity: instanceIdentity(undefined, { invokedBy: "eks.amazonaws.com" }) });
    expect(rule.match(detectionEventFromRecord(invoked, { sourceKind: "public" }), context)).toBeNull();
    const other = call("o", "45.33.32.156", { userIdentity: { ...instanceIdentity("build-session"), sessionContext: {} } });
    expect(rule.match(detectionEventFromRecord(other, { sourceKind: "public" }), context)).toBeNull();
  });

  it("falls back on the address itself when the context was not resolved", () => {
    const unresolved = rule.match(detectionEventFromRecord(call("u", "45.33.32.156")), context);
    expect(unresolved?.reason).toContain("from address 45.33.32.156 (IP context not resolved, so not known to be AWS's)");
    expect(rule.match(detectionEventFromRecord(call("n", "AWS Internal")), context)).toBeNull();
    expect(rule.match(detectionEventFromRecord(call("m", "10.1.2.3")), context)?.reason).toContain("from private address 10.1.2.3 with no VPC endpoint");
  });
});

describe.skipIf(!corpusPresent)("ec2-instance-credentials-outside-aws on the corpus", () => {
  /** Independent selection of instance-role sessions: the session name is an instance id, or ec2RoleDelivery is set. */
  const instanceCalls = (records: readonly RawRecord[]) =>
    records.filter(
      (r) =>
        rawString(r, "userIdentity.type") === "AssumedRole" &&
        (/^i-[0-9a-f]+$/i.test((rawString(r, "userIdentity.arn") ?? "").split("/").pop() ?? "") || rawString(r, "userIdentity.sessionContext.ec2RoleDelivery") !== undefined),
    );

  it("invictus-ir: the stolen credentials of instance i-0dbc91f429e48eeed, used from 192.168.10.20 (no VPC endpoint)", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    const calls = instanceCalls(records);
    // The two instances' own calls (SSM agent) come from their AWS addresses, cross-checked as Amazon
    // AS14618 in lib/context/ip-context.test.ts; the stolen key is used from a private address.
    expect(new Set(calls.map((r) => r.sourceIPAddress))).toEqual(new Set(["3.225.16.109", "52.45.102.28", "192.168.10.20"]));
    const expected = calls.filter((r) => r.sourceIPAddress === "192.168.10.20" && r.vpcEndpointId === undefined).map((r) => r.eventID as string).sort();
    expect(expected).toEqual(["bf68f8c0-590b-4740-ac89-aad0ed5dfe4f", "d3d5fd99-faa9-4959-a464-56fba613cc2e"]);

    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["123837392027"], ["us-east-1"]));
    expect(hits.map((h) => h.eventId).sort()).toEqual(expected);
    expect(hits.every((h) => !h.failedAttempt)).toBe(true);
    expect(hits.find((h) => h.eventId === "d3d5fd99-faa9-4959-a464-56fba613cc2e")?.reason).toBe(
      "Credentials of instance i-0dbc91f429e48eeed (key ASIATFQR7NSC36DZQP7P, delivered by IMDSv1) called DescribeInstances from private address 192.168.10.20 with no VPC endpoint (an instance's own calls come from its public or NAT address, or through an endpoint).",
    );
  });

  it("stratus-red-team: the thief worked from an AWS address (18.236.253.47), which this rule cannot tell from the instance, unless unresolved", () => {
    const records = readCorpusRecords("stratus-red-team-detonation-logs");
    const calls = instanceCalls(records);
    expect(calls.map((r) => r.eventID as string).sort()).toEqual(["394cf343-b9cf-48ce-8a94-e188656ae8ba", "b379479b-05c9-4c3c-af4b-cbd43acf29e1"]);
    const events = records.map((r) => contextualEvent(r));
    expect(events.filter((e) => e.sourceIpAddress === "18.236.253.47").every((e) => e.sourceKind === "aws")).toBe(true);
    expect(matchEach(rule, events, testContext([]))).toEqual([]);
    // Without IP context (sourceKind null) the fallback counts a non-private address as outside.
    const bare = matchEach(rule, records.map((r) => detectionEventFromRecord(r)), testContext([]));
    expect(bare.map((h) => h.eventId).sort()).toEqual(calls.map((r) => r.eventID as string).sort());
  });
});
