import { stringAt, valuesAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/**
 * An IAM user calling with a long-term access key (AKIA…, not a console session) creates another access
 * key for itself. Also matches a user rotating its own key from the CLI: the reason gives both keys so the
 * analyst can check whether the old one was deleted right after. A refused call without requestParameters
 * (target unknown) fires here too, saying the target is not recorded.
 */
export const iamAccessKeySelfIssuedRule: EventRule = {
  kind: "event",
  id: "iam-access-key-self-issued",
  title: "Access key used to create a second key for the same user",
  severity: "medium",
  family: "persistence",
  description:
    "An attacker holding one stolen access key often mints a second for the same user: when the first is found and revoked, the spare keeps working. " +
    "Legitimate rotation looks the same at first, so check whether the old key was deleted soon after. Denied or failed attempts fire too and say so.",
  attack: ["T1098.001"],
  evidenceFields: ["eventName", "requestParameters.userName", "userIdentity.userName", "userIdentity.accessKeyId", "sessionCredentialFromConsole", "responseElements.accessKey.accessKeyId", "errorCode"],
  needs: { eventNames: ["CreateAccessKey"] },
  match(event) {
    if (event.eventName !== "CreateAccessKey" || event.eventSource !== "iam.amazonaws.com" || event.identityType !== "IAMUser") return null;
    const caller = stringAt(event.record, "userIdentity.userName");
    const target = stringAt(event.record, "requestParameters.userName");
    if (target !== null && target !== "" && target !== caller) return null;
    const fromConsole = String(event.record.sessionCredentialFromConsole) === "true";
    if (fromConsole || event.accessKeyId === null || !event.accessKeyId.startsWith("AKIA")) return null;
    const outcome = attemptOutcome(event);
    // A refused call often carries no requestParameters: then the target user is unknown.
    const recorded = valuesAt(event.record, "requestParameters").some((v) => v !== null && typeof v === "object");
    const created = event.issuedAccessKeyId === null ? "another key" : `a second key ${quoteValue(event.issuedAccessKeyId)}`;
    const forWhom = recorded || !outcome.failedAttempt ? ` to create ${created} for itself` : " to create an access key (the target user is not recorded)";
    return {
      failedAttempt: outcome.failedAttempt,
      reason: `IAM user ${quoteValue(caller)} used its access key ${quoteValue(event.accessKeyId)}${forWhom}${outcome.note}`,
    };
  },
};
