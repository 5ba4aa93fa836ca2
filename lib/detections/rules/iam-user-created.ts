import { stringAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/** CreateUser of the services whose users sign in to the account (other services' CreateUser, e.g. Transfer Family or Amazon MQ, are not identities). */
const SOURCES: Readonly<Record<string, string>> = {
  "iam.amazonaws.com": "IAM user",
  "identitystore.amazonaws.com": "IAM Identity Center user",
  "sso-directory.amazonaws.com": "IAM Identity Center user",
};

/** A new IAM (or Identity Center) user: the classic persistence step, survives the loss of the original foothold. */
export const iamUserCreatedRule: EventRule = {
  kind: "event",
  id: "iam-user-created",
  title: "New user created",
  severity: "medium",
  family: "persistence",
  description:
    "A new IAM or Identity Center user is a durable way back in: it survives the rotation of the stolen credentials it was created with. " +
    "Compare the creator and timing with the account's normal provisioning. Denied or failed attempts fire too and say so.",
  attack: ["T1136.003"],
  evidenceFields: ["eventSource", "eventName", "requestParameters.userName", "responseElements.user.arn", "errorCode", "userIdentity.arn"],
  needs: { eventNames: ["CreateUser"] },
  match(event) {
    const kind = event.eventSource === null ? undefined : SOURCES[event.eventSource];
    if (event.eventName !== "CreateUser" || kind === undefined) return null;
    const name =
      stringAt(event.record, "requestParameters.userName") ??
      stringAt(event.record, "requestParameters.UserName") ??
      stringAt(event.record, "responseElements.user.userName");
    const outcome = attemptOutcome(event);
    return { failedAttempt: outcome.failedAttempt, reason: `${kind} ${name === null ? "(name not recorded)" : quoteValue(name)} created${outcome.note}` };
  },
};
