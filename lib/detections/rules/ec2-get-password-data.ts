import { stringAt } from "@/lib/detections/detection-event";
import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/**
 * ec2:GetPasswordData: the encrypted local Administrator password of a Windows instance. With the
 * instance's key pair it gives a login on the machine. Attackers sweep it across every instance
 * (Stratus "ec2-get-password-data"); a refused call is the sweep hitting its limits and fires as a
 * failed attempt. The console calls it when a person clicks "Get Windows password"; those calls come
 * with the console's user agent and show in the reason.
 */
export const ec2GetPasswordDataRule: EventRule = {
  kind: "event",
  id: "ec2-get-password-data",
  title: "Windows instance password retrieved",
  severity: "medium",
  family: "collection",
  description:
    "GetPasswordData returns a Windows instance's encrypted Administrator password; with the key pair it opens the machine. Many calls, or refused ones, are a credential sweep across instances.",
  attack: ["T1552"],
  evidenceFields: ["eventName", "requestParameters.instanceId", "userIdentity.arn", "errorCode", "sourceIPAddress", "userAgent"],
  needs: { eventNames: ["GetPasswordData"] },
  match(event) {
    if (event.eventName !== "GetPasswordData" || actedByService(event)) return null;
    const failed = isFailedEvent(event);
    return {
      failedAttempt: failed,
      reason:
        `${clip(event.principalArn ?? event.userName)} ${failed ? `tried to get (failed: ${clip(event.errorCode)})` : "got"} the password data of instance ` +
        `${clip(stringAt(event.record, "requestParameters.instanceId"), 40)} from ${clip(event.sourceIpAddress)} with ${clip(event.tool ?? event.userAgent, 60)}.`,
    };
  },
};
