import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/** The caller acts on its own login profile: no user named, the same IAM user, or a role session named after the user (SSO sessions are). */
function isSelf(event: DetectionEvent, target: string | null): boolean {
  if (target === null || target === "") return true;
  if (event.identityType === "IAMUser") return target === stringAt(event.record, "userIdentity.userName");
  return event.identityType === "AssumedRole" && target === event.sessionName;
}

/**
 * CreateLoginProfile (console password given to a user; always fires) and UpdateLoginProfile of another
 * user (password reset by someone else; a user changing its own password does not fire).
 */
export const iamLoginProfileChangedRule: EventRule = {
  kind: "event",
  id: "iam-login-profile-changed",
  title: "Console password created or reset for a user",
  severity: "high",
  family: "persistence",
  description:
    "A login profile gives a user console access with a password the caller chose: on a new or key-only user it opens a second way in, and resetting " +
    "another user's password takes that user over. Denied or failed attempts fire too and say so.",
  attack: ["T1098.001"],
  evidenceFields: ["eventName", "requestParameters.userName", "requestParameters.passwordResetRequired", "userIdentity.userName", "userIdentity.arn", "errorCode"],
  needs: { eventNames: ["CreateLoginProfile", "UpdateLoginProfile"] },
  match(event) {
    if (event.eventSource !== "iam.amazonaws.com" || (event.eventName !== "CreateLoginProfile" && event.eventName !== "UpdateLoginProfile")) return null;
    const recorded = valuesAt(event.record, "requestParameters").some((v) => v !== null && typeof v === "object");
    const target = stringAt(event.record, "requestParameters.userName");
    // A refused call often carries no requestParameters: the target is unknown, not the caller.
    const self = recorded && isSelf(event, target);
    if (event.eventName === "UpdateLoginProfile" && self) return null;
    const user = !recorded ? "a user (not recorded)" : target === null || target === "" ? "the caller" : `IAM user ${quoteValue(target)}`;
    const noReset = String(valuesAt(event.record, "requestParameters.passwordResetRequired")[0]) === "false";
    const what =
      event.eventName === "CreateLoginProfile"
        ? `console password created for ${user}${self ? " by the user itself" : ""}`
        : `console password of ${user} reset${recorded ? " by another identity" : ""}`;
    const outcome = attemptOutcome(event);
    return { failedAttempt: outcome.failedAttempt, reason: `${what}${noReset ? "; no password change required at first sign-in" : ""}${outcome.note}` };
  },
};
