import { stringAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/**
 * CreateAccessKey naming a user other than the caller: requestParameters.userName present and different
 * from the calling IAM user's name (any named user when the caller is not an IAM user: a role, root or a
 * federated session cannot own the key it creates).
 */
export const iamAccessKeyCreatedForOtherUserRule: EventRule = {
  kind: "event",
  id: "iam-access-key-created-for-other-user",
  title: "Access key created for another user",
  severity: "high",
  family: "persistence",
  description:
    "Minting a long-term access key for a different user hands the caller that user's permissions in a credential nobody else knows about; " +
    "attackers do it to backdoor existing or freshly created users. Denied or failed attempts fire too and say so.",
  attack: ["T1098.001"],
  evidenceFields: ["eventName", "requestParameters.userName", "userIdentity.userName", "userIdentity.type", "responseElements.accessKey.accessKeyId", "errorCode"],
  needs: { eventNames: ["CreateAccessKey"] },
  match(event) {
    if (event.eventName !== "CreateAccessKey" || event.eventSource !== "iam.amazonaws.com") return null;
    const target = stringAt(event.record, "requestParameters.userName");
    if (target === null || target === "") return null;
    if (event.identityType === "IAMUser" && target === stringAt(event.record, "userIdentity.userName")) return null;
    const outcome = attemptOutcome(event);
    const key = event.issuedAccessKeyId === null ? "" : ` ${quoteValue(event.issuedAccessKeyId)}`;
    return { failedAttempt: outcome.failedAttempt, reason: `access key${key} created for IAM user ${quoteValue(target)}, not the caller${outcome.note}` };
  },
};
