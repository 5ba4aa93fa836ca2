import { stringAt } from "@/lib/detections/detection-event";
import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/**
 * kms:ScheduleKeyDeletion. Once the waiting period (7 to 30 days) ends, everything encrypted under the
 * key (EBS volumes, S3 objects, RDS databases, secrets) can never be decrypted again: ransomware against
 * AWS data encrypts with a key the victim cannot use and schedules the deletion of the victim's own.
 * A refused attempt fires as a failed attempt.
 */
export const kmsKeyScheduledForDeletionRule: EventRule = {
  kind: "event",
  id: "kms-key-scheduled-for-deletion",
  title: "KMS key scheduled for deletion",
  severity: "high",
  family: "impact",
  description:
    "A KMS key was scheduled for deletion. When the waiting period ends, all data encrypted under it is lost for good; cancelling the deletion (CancelKeyDeletion) is still possible until then.",
  attack: ["T1485"],
  evidenceFields: ["eventName", "requestParameters.keyId", "requestParameters.pendingWindowInDays", "responseElements.deletionDate", "userIdentity.arn", "errorCode"],
  needs: { eventNames: ["ScheduleKeyDeletion"] },
  match(event) {
    if (event.eventName !== "ScheduleKeyDeletion") return null;
    const failed = isFailedEvent(event);
    const days = stringAt(event.record, "requestParameters.pendingWindowInDays");
    const date = stringAt(event.record, "responseElements.deletionDate");
    return {
      failedAttempt: failed,
      reason:
        `${clip(event.principalArn ?? event.userName)} ${failed ? `tried to schedule (failed: ${clip(event.errorCode)})` : "scheduled"} the deletion of KMS key ` +
        `${clip(stringAt(event.record, "requestParameters.keyId"), 100)}${days !== null ? ` in ${clip(days, 6)} days` : ""}${date !== null ? ` (on ${clip(date, 40)})` : ""}.`,
    };
  },
};
