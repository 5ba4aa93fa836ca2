import { stringAt } from "@/lib/detections/detection-event";
import { isDeniedEvent, type EventRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/**
 * Any call made as the account's root user. Root cannot be limited by IAM policies and AWS advises
 * using it only for the few tasks that need it, so every root call deserves a look, and a refused one
 * (someone trying the root password or a root key) even more. Calls AWS services make on root's behalf
 * (`userIdentity.invokedBy`) and service events are not the root user acting, and are left out. A
 * failed attempt is a refused call (denied) or a failed sign-in; a root call that reached the service
 * and failed otherwise (NoSuchBucketPolicy while the console looks around) is root activity all the same.
 */
export const rootAccountActivityRule: EventRule = {
  kind: "event",
  id: "root-account-activity",
  title: "Root user activity",
  severity: "high",
  family: "credential-misuse",
  description:
    "The root user has unrestricted access that no IAM policy can limit; AWS advises locking it away. Any call made as root, including a failed one, is either a rare break-glass task or someone holding the root password or a root access key.",
  attack: ["T1078.004"],
  evidenceFields: ["userIdentity.type", "userIdentity.invokedBy", "eventName", "eventSource", "sourceIPAddress", "userIdentity.accessKeyId", "errorCode"],
  needs: { identityTypes: ["Root"] },
  match(event) {
    if (event.identityType !== "Root" || actedByService(event)) return null;
    if (event.eventType === "AwsServiceEvent") return null;
    // Sign-in events (ConsoleLogin, ExternalIdPDirectoryLogin …) say "Failure" under their own name.
    const signIn = event.eventSource === "signin.amazonaws.com" && event.eventName !== null;
    const failed = isDeniedEvent(event) || (signIn && stringAt(event.record, `responseElements.${event.eventName}`) === "Failure");
    const how = event.accessKeyId ? ` with key ${clip(event.accessKeyId, 40)}` : "";
    const outcome = failed ? ` (refused: ${clip(event.errorCode ?? event.errorMessage ?? "Failure")})` : event.errorCode ? ` (error ${clip(event.errorCode)})` : "";
    return {
      failedAttempt: failed,
      reason: `Root user called ${clip(event.eventName)} on ${clip(event.eventSource)} from ${clip(event.sourceIpAddress)}${how}${outcome}.`,
    };
  },
};
