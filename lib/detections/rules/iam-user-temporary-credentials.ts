import { stringAt } from "@/lib/detections/detection-event";
import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/**
 * GetSessionToken or GetFederationToken called by an IAM user. Both turn a long-term key into
 * temporary credentials (up to 36 hours) that keep working after the key is deleted or deactivated, and
 * GetFederationToken names a new federated user whose calls no longer show the IAM user's ARN: an
 * attacker's way to outlast key rotation (Stratus "sts-federation-token"). Refused calls fire as failed attempts.
 */
export const iamUserTemporaryCredentialsRule: EventRule = {
  kind: "event",
  id: "iam-user-temporary-credentials",
  title: "Temporary credentials requested by an IAM user",
  severity: "medium",
  family: "credential-misuse",
  description:
    "An IAM user called GetSessionToken or GetFederationToken. The temporary credentials survive deleting or disabling the user's access key, and a federation token hides later calls behind a new federated-user name: a known way to keep access.",
  attack: ["T1078.004", "T1550.001"],
  evidenceFields: ["eventName", "userIdentity.type", "userIdentity.arn", "userIdentity.accessKeyId", "requestParameters.name", "requestParameters.durationSeconds", "requestParameters.serialNumber", "responseElements.credentials.accessKeyId"],
  needs: { eventNames: ["GetSessionToken", "GetFederationToken"] },
  match(event) {
    if (event.eventName !== "GetSessionToken" && event.eventName !== "GetFederationToken") return null;
    if (event.identityType !== "IAMUser") return null;
    const failed = isFailedEvent(event);
    const duration = stringAt(event.record, "requestParameters.durationSeconds");
    const details: string[] = [];
    if (event.eventName === "GetFederationToken") details.push(`federated user name ${clip(stringAt(event.record, "requestParameters.name"))}`);
    if (duration !== null) details.push(`duration ${clip(duration, 12)} s`);
    if (stringAt(event.record, "requestParameters.serialNumber") !== null) details.push("with an MFA code");
    if (event.issuedAccessKeyId !== null) details.push(`issued key ${clip(event.issuedAccessKeyId, 40)}`);
    return {
      failedAttempt: failed,
      reason:
        `IAM user ${clip(event.userName)} called ${event.eventName}${failed ? ` (failed: ${clip(event.errorCode)})` : ""} ` +
        `with key ${clip(event.accessKeyId, 40)} from ${clip(event.sourceIpAddress)}${details.length ? `: ${details.join(", ")}` : ""}.`,
    };
  },
};
