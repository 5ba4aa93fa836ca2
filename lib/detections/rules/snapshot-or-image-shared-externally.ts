import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, type DetectionContext, type EventRule } from "@/lib/detections/rule-types";
import { clip, listSome } from "@/lib/detections/rules/shared/format-evidence";

type Sharing = { resource: string; grantees: string[] };

/** Accounts of the case, plus the event's own account (when the case's list is empty or partial). */
function ownAccounts(event: DetectionEvent, context: DetectionContext): Set<string> {
  const own = new Set(context.caseAccountIds);
  if (event.recipientAccountId) own.add(event.recipientAccountId);
  if (event.principalAccountId) own.add(event.principalAccountId);
  return own;
}

/** The grantees an EC2 `…Permission.add.items` list adds: group "all" (public) and foreign account ids. Org/OU shares are left out. */
function ec2Grantees(event: DetectionEvent, path: string, own: Set<string>): string[] {
  const out: string[] = [];
  for (const item of valuesAt(event.record, path)) {
    if (item === null || typeof item !== "object") continue;
    const group = stringAt(item, "group");
    const userId = stringAt(item, "userId");
    if (group !== null && group.toLowerCase() === "all") out.push("everyone (public)");
    if (userId !== null && !own.has(userId)) out.push(`foreign account ${clip(userId, 40)}`);
  }
  return out;
}

function sharingOf(event: DetectionEvent, context: DetectionContext): Sharing | null {
  const own = ownAccounts(event, context);
  const p = "requestParameters";
  switch (event.eventName) {
    case "ModifySnapshotAttribute":
      return { resource: `EBS snapshot ${clip(stringAt(event.record, `${p}.snapshotId`), 60)}`, grantees: ec2Grantees(event, `${p}.createVolumePermission.add.items`, own) };
    case "ModifyImageAttribute":
      return { resource: `AMI ${clip(stringAt(event.record, `${p}.imageId`), 60)}`, grantees: ec2Grantees(event, `${p}.launchPermission.add.items`, own) };
    case "ModifyDBSnapshotAttribute":
    case "ModifyDBClusterSnapshotAttribute": {
      if (stringAt(event.record, `${p}.attributeName`) !== "restore") return null;
      const id = stringAt(event.record, `${p}.dBSnapshotIdentifier`) ?? stringAt(event.record, `${p}.dBClusterSnapshotIdentifier`);
      const grantees = valuesAt(event.record, `${p}.valuesToAdd`)
        .filter((v): v is string => typeof v === "string")
        .flatMap((v) => (v.toLowerCase() === "all" ? ["everyone (public)"] : own.has(v) ? [] : [`foreign account ${clip(v, 40)}`]));
      const kind = event.eventName === "ModifyDBSnapshotAttribute" ? "RDS snapshot" : "RDS cluster snapshot";
      return { resource: `${kind} ${clip(id, 60)}`, grantees };
    }
    default:
      return null;
  }
}

/**
 * An EBS snapshot, AMI, or RDS (cluster) snapshot shared with an account outside the case, or made
 * public: `createVolumePermission` / `launchPermission` adds with a `userId` or group "all"
 * (ModifySnapshotAttribute, ModifyImageAttribute), or a "restore" attribute with `valuesToAdd`
 * (ModifyDBSnapshotAttribute, ModifyDBClusterSnapshotAttribute). Foreign = not among the case's
 * accounts nor the event's own; "all" = public. Removals and shares with an organization are not hits.
 * A refused attempt fires as a failed attempt.
 */
export const snapshotOrImageSharedExternallyRule: EventRule = {
  kind: "event",
  id: "snapshot-or-image-shared-externally",
  title: "Snapshot or AMI shared with another account or made public",
  severity: "high",
  family: "collection",
  description:
    "A disk snapshot, machine image or database snapshot was shared with an account outside the case, or with everyone. The other account can then copy the whole disk or database: a quiet, complete exfiltration path.",
  attack: ["T1537"],
  evidenceFields: [
    "eventName",
    "requestParameters.snapshotId",
    "requestParameters.imageId",
    "requestParameters.createVolumePermission.add.items",
    "requestParameters.launchPermission.add.items",
    "requestParameters.dBSnapshotIdentifier",
    "requestParameters.attributeName",
    "requestParameters.valuesToAdd",
    "recipientAccountId",
  ],
  needs: { eventNames: ["ModifySnapshotAttribute", "ModifyImageAttribute", "ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute"] },
  match(event, context) {
    const sharing = sharingOf(event, context);
    if (sharing === null || sharing.grantees.length === 0) return null;
    const failed = isFailedEvent(event);
    return {
      failedAttempt: failed,
      reason: `${failed ? `Attempt (failed: ${clip(event.errorCode)}) to share` : "Shared"} ${sharing.resource} with ${listSome(sharing.grantees)}.`,
    };
  },
};
