import type { DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, type SequenceRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { findBursts } from "@/lib/detections/rules/shared/find-bursts";
import { clip, formatSpan, listSome } from "@/lib/detections/rules/shared/format-evidence";

/** Deletions that are routine at volume: queue consumers acknowledging messages. */
const ROUTINE = new Set(["DeleteMessage", "DeleteMessageBatch"]);

/** A destructive call by a person or a tool: Delete* (management or data events) or TerminateInstances, not by or for an AWS service. */
export function isDeletionCall(event: DetectionEvent): boolean {
  const name = event.eventName;
  if (name === null || ROUTINE.has(name) || !(name.startsWith("Delete") || name === "TerminateInstances")) return false;
  if (actedByService(event)) return false;
  // Service-linked roles act for AWS services (arn:aws:iam::…:role/aws-service-role/…).
  return !(event.sessionIssuerArn ?? "").includes(":role/aws-service-role/");
}

/**
 * Bursts of deletions by one identity: at least `settings.massDeletion` Delete* or TerminateInstances
 * calls within `settings.burstWindowMinutes`, successful or not (failed ones still show the intent).
 * Wiping buckets, snapshots, databases, instances or backups is how data is destroyed for impact or
 * ransom, and how an intruder cleans up. One hit per burst; a burst in which every call failed is a
 * failed attempt.
 */
export const massDeletionRule: SequenceRule = {
  kind: "sequence",
  partition: "principal",
  id: "mass-deletion",
  title: "Mass deletion of resources",
  severity: "high",
  family: "impact",
  description:
    "One identity deleted (or tried to delete) many resources in a few minutes: buckets, objects, snapshots, databases, instances, secrets or keys. Data destruction for impact or ransom, or an intruder wiping its tracks. Threshold and window are case settings.",
  attack: ["T1485"],
  evidenceFields: ["eventName", "eventSource", "userIdentity.arn", "errorCode", "eventTime", "sourceIPAddress"],
  needs: { eventNamePrefixes: ["Delete"], eventNames: ["TerminateInstances"] },
  evaluate(events, context) {
    const { burstWindowMinutes, massDeletion } = context.settings;
    return findBursts(events.filter(isDeletionCall), { windowMinutes: burstWindowMinutes, threshold: massDeletion }).map((burst) => {
      const failed = burst.events.filter(isFailedEvent).length;
      const names = burst.events.map((e) => e.eventName);
      return {
        eventIds: burst.events.map((e) => e.eventId),
        principal: burst.principal,
        failedAttempt: failed === burst.events.length,
        reason:
          `${burst.events.length} deletions by ${clip(burst.principal)} in ${formatSpan(burst.last.getTime() - burst.first.getTime())} ` +
          `(threshold ${massDeletion} in ${burstWindowMinutes} min)${failed ? `, ${failed} failed` : ""}; ` +
          `${new Set(names).size} distinct APIs: ${listSome(names, 8)}.${failed === burst.events.length ? " Every call failed." : ""}`,
      };
    });
  },
};
