import { stringAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/** DeleteTrail: the trail and its configuration are gone (delivered log files stay in the bucket). */
export const cloudtrailTrailDeletedRule: EventRule = {
  kind: "event",
  id: "cloudtrail-trail-deleted",
  title: "CloudTrail trail deleted",
  severity: "high",
  family: "anti-forensics",
  description:
    "DeleteTrail removes a trail, so the account stops delivering the logs that trail captured; attackers delete trails to act unrecorded. " +
    "Denied or failed attempts fire too and say so.",
  attack: ["T1562.008"],
  evidenceFields: ["eventName", "requestParameters.name", "errorCode", "userIdentity.arn", "sourceIPAddress"],
  needs: { eventNames: ["DeleteTrail"] },
  match(event) {
    if (event.eventName !== "DeleteTrail" || event.eventSource !== "cloudtrail.amazonaws.com") return null;
    const outcome = attemptOutcome(event);
    const trail = quoteValue(stringAt(event.record, "requestParameters.name"));
    return { failedAttempt: outcome.failedAttempt, reason: `DeleteTrail on trail ${trail}: the trail stops delivering logs${outcome.note}` };
  },
};
