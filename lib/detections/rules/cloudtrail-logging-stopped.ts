import { stringAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/** StopLogging: the trail keeps existing but records nothing until someone calls StartLogging. */
export const cloudtrailLoggingStoppedRule: EventRule = {
  kind: "event",
  id: "cloudtrail-logging-stopped",
  title: "CloudTrail logging stopped",
  severity: "high",
  family: "anti-forensics",
  description:
    "StopLogging turns a trail off without deleting it, so everything the caller does next is missing from that trail while the console still lists it. " +
    "Denied or failed attempts fire too: a stolen key probing whether it can blind the defenders is itself evidence.",
  attack: ["T1562.008"],
  evidenceFields: ["eventName", "requestParameters.name", "errorCode", "userIdentity.arn", "sourceIPAddress"],
  needs: { eventNames: ["StopLogging"] },
  match(event) {
    if (event.eventName !== "StopLogging" || event.eventSource !== "cloudtrail.amazonaws.com") return null;
    const outcome = attemptOutcome(event);
    const trail = quoteValue(stringAt(event.record, "requestParameters.name"));
    return { failedAttempt: outcome.failedAttempt, reason: `StopLogging on trail ${trail}: the trail stops recording API activity${outcome.note}` };
  },
};
