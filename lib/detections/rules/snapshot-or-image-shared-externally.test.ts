import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, readCorpusRecords, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { snapshotOrImageSharedExternallyRule as rule } from "./snapshot-or-image-shared-externally";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of snapshot-or-image-shared-externally");

const FOREIGN = "999988887777";
const PARTNER = "444455556666";
const context = testContext([OWN_ACCOUNT, PARTNER]);
const snapshot = (id: string, add: unknown[], fields: RawRecord = {}) =>
  handRecord(id, "ModifySnapshotAttribute", {
    requestParameters: { snapshotId: "snap-0abc", attributeType: "CREATE_VOLUME_PERMISSION", createVolumePermission: { add: { items: add } } },
    ...fields,
  });

describe("snapshot-or-image-shared-externally on hand-written records", () => {
  it("fires on a share with a foreign account or with everyone, not with the case's own accounts", () => {
    expect(rule.match(contextualEvent(snapshot("a", [{ userId: FOREIGN }, { userId: PARTNER }])), context)).toEqual({
      failedAttempt: false,
      reason: `Shared EBS snapshot snap-0abc with foreign account ${FOREIGN}.`,
    });
    expect(rule.match(contextualEvent(snapshot("b", [{ group: "all" }])), context)?.reason).toBe("Shared EBS snapshot snap-0abc with everyone (public).");
    expect(rule.match(contextualEvent(snapshot("c", [{ userId: PARTNER }])), context)).toBeNull();
    expect(rule.match(contextualEvent(snapshot("d", [{ userId: OWN_ACCOUNT }])), testContext([]))).toBeNull();
  });
  it("covers AMIs and RDS (cluster) snapshots; removals are not hits; a refused share is a failed attempt", () => {
    const ami = handRecord("e", "ModifyImageAttribute", { requestParameters: { imageId: "ami-1", launchPermission: { add: { items: [{ group: "all" }] } } }, errorCode: "UnauthorizedOperation" });
    expect(rule.match(contextualEvent(ami), context)).toEqual({ failedAttempt: true, reason: "Attempt (failed: UnauthorizedOperation) to share AMI ami-1 with everyone (public)." });
    const cluster = handRecord("f", "ModifyDBClusterSnapshotAttribute", {
      eventSource: "rds.amazonaws.com",
      requestParameters: { dBClusterSnapshotIdentifier: "prod-final", attributeName: "restore", valuesToAdd: [FOREIGN, "all"] },
    });
    expect(rule.match(contextualEvent(cluster), context)?.reason).toBe(`Shared RDS cluster snapshot prod-final with foreign account ${FOREIGN}, everyone (public).`);
    const removal = handRecord("g", "ModifySnapshotAttribute", { requestParameters: { snapshotId: "snap-0abc", createVolumePermission: { remove: { items: [{ userId: FOREIGN }] } } } });
    expect(rule.match(contextualEvent(removal), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("snapshot-or-image-shared-externally on the corpus", () => {
  /** Independent selection: the sharing calls whose request adds an account other than the record's own, or "all". */
  function expected(records: readonly RawRecord[]): string[] {
    const out: string[] = [];
    for (const r of records) {
      const p = (r.requestParameters ?? {}) as Record<string, { add?: { items?: { userId?: string; group?: string }[] } } | unknown>;
      const own = r.recipientAccountId;
      const adds =
        r.eventName === "ModifySnapshotAttribute"
          ? ((p.createVolumePermission as { add?: { items?: { userId?: string; group?: string }[] } } | undefined)?.add?.items ?? [])
          : r.eventName === "ModifyImageAttribute"
            ? ((p.launchPermission as { add?: { items?: { userId?: string; group?: string }[] } } | undefined)?.add?.items ?? [])
            : r.eventName === "ModifyDBSnapshotAttribute" && p.attributeName === "restore"
              ? ((p.valuesToAdd as string[] | undefined) ?? []).map((v) => (v === "all" ? { group: "all" } : { userId: v }))
              : [];
      if (adds.some((a) => a.group === "all" || (a.userId !== undefined && a.userId !== own))) out.push(r.eventID as string);
    }
    return out.sort();
  }

  it("invictus-ir: the AMI, EBS snapshot and RDS snapshot shared with foreign accounts (the later removals do not fire)", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    const ids = expected(records);
    expect(ids).toEqual(["2d19ab1e-82e9-4302-ad10-a405b50c8d49", "741616fd-4713-426d-8861-3ccae4ba994e", "8fe3095f-909c-41f5-a769-00b9ec6e95df"]);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["123837392027"]));
    expect(hits.map((h) => h.eventId).sort()).toEqual(ids);
    expect(hits.map((h) => h.reason).sort()).toEqual([
      "Shared AMI ami-0aa1d83d0b0985c86 with foreign account 012345678901.",
      "Shared EBS snapshot snap-083d3b857c13988bc with foreign account 012345678912.",
      "Shared RDS snapshot exfiltration with foreign account 193672423079.",
    ]);
    expect(hits.some((h) => h.failedAttempt)).toBe(false);
  });

  it("stratus-red-team: ec2-share-ami, ec2-share-ebs-snapshot and rds-share-snapshot; traildiscover: none (removals only)", () => {
    const stratus = readCorpusRecords("stratus-red-team-detonation-logs");
    const ids = expected(stratus);
    expect(ids).toEqual(["1f00bcfa-e050-4c2e-b99b-768ebe3a3dd3", "6897ff63-d738-445c-9e86-43e5b1f8e12f", "fef2bf02-bbea-4d0f-a91c-e6ccfe3fba46"]);
    expect(matchEach(rule, stratus.map((r) => contextualEvent(r)), testContext([])).map((h) => h.eventId).sort()).toEqual(ids);
    const traildiscover = readCorpusRecords("traildiscover-log-examples");
    expect(expected(traildiscover)).toEqual([]);
    expect(matchEach(rule, traildiscover.map((r) => contextualEvent(r)), testContext(["111111111111"]))).toEqual([]);
  });
});
