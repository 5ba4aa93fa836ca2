import { stringAt } from "@/lib/detections/detection-event";
import { isDeniedEvent, isFailedEvent, type SequenceRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { findBursts } from "@/lib/detections/rules/shared/find-bursts";
import { clip, formatSpan, listSome } from "@/lib/detections/rules/shared/format-evidence";

/**
 * Bursts of S3 GetObject (data events) by one identity: at least `settings.getObjectBurst` downloads
 * within `settings.burstWindowMinutes`. Bulk download (`aws s3 sync`, a script walking a bucket) is how
 * data is taken out of S3, and the step before ransom. Needs S3 data events in the trail. Calls made
 * by AWS services (invokedBy) are left out.
 */
export const s3GetObjectBurstRule: SequenceRule = {
  kind: "sequence",
  partition: "principal",
  id: "s3-get-object-burst",
  title: "Burst of S3 object downloads",
  severity: "high",
  family: "collection",
  description:
    "One identity downloaded many S3 objects in a few minutes (GetObject data events): bulk collection of a bucket's contents, as with `aws s3 sync`, ahead of exfiltration or ransom. Threshold and window are case settings.",
  attack: ["T1530"],
  evidenceFields: ["eventName", "requestParameters.bucketName", "requestParameters.key", "userIdentity.arn", "sourceIPAddress", "userAgent", "eventTime"],
  needs: { eventNames: ["GetObject"] },
  evaluate(events, context) {
    const { burstWindowMinutes, getObjectBurst } = context.settings;
    const downloads = events.filter((e) => e.eventName === "GetObject" && !actedByService(e));
    return findBursts(downloads, { windowMinutes: burstWindowMinutes, threshold: getObjectBurst }).map((burst) => {
      const failed = burst.events.filter(isFailedEvent).length;
      const denied = burst.events.filter(isDeniedEvent).length;
      return {
        eventIds: burst.events.map((e) => e.eventId),
        principal: burst.principal,
        failedAttempt: failed === burst.events.length,
        reason:
          `${burst.events.length} GetObject calls by ${clip(burst.principal)} in ${formatSpan(burst.last.getTime() - burst.first.getTime())} ` +
          `(threshold ${getObjectBurst} in ${burstWindowMinutes} min)${failed ? `, ${failed} failed (${denied} denied)` : ""}, ` +
          `from bucket ${listSome(burst.events.map((e) => stringAt(e.record, "requestParameters.bucketName")), 3)}, ` +
          `source ${listSome(burst.events.map((e) => e.sourceIpAddress), 3)}, user agent ${listSome(burst.events.map((e) => e.tool ?? e.userAgent), 2)}.${failed === burst.events.length ? " Every call failed." : ""}`,
      };
    });
  },
};
