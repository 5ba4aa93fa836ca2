import { stringAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/** CloudTrail's user name for a failed sign-in whose user name does not exist in the account. */
export const HIDDEN_USER_NAME = "HIDDEN_DUE_TO_SECURITY_REASONS";

/**
 * A console sign-in of an IAM user or of root with `additionalEventData.MFAUsed` "No": the password
 * alone opened the console. Federated sign-ins (SAML, IAM Identity Center, assumed roles) do their MFA
 * at the identity provider, so CloudTrail always says "No" for them: they are left out, as are IAM user
 * sign-ins carrying a `SamlProviderArn`. A failed sign-in without MFA fires too, as a failed attempt; a
 * failure for a user name that does not exist ("HIDDEN_DUE_TO_SECURITY_REASONS") says nothing about any
 * account's MFA and is left to the brute-force rule.
 */
export const consoleLoginWithoutMfaRule: EventRule = {
  kind: "event",
  id: "console-login-without-mfa",
  title: "Console sign-in without MFA",
  severity: "medium",
  family: "credential-misuse",
  description:
    "A console sign-in by root or an IAM user that used the password alone. A stolen or guessed password is then enough to take the account over; root without MFA is the worst case. Failed attempts show someone trying the password.",
  attack: ["T1078.004"],
  evidenceFields: [
    "eventName",
    "userIdentity.type",
    "userIdentity.arn",
    "additionalEventData.MFAUsed",
    "additionalEventData.SamlProviderArn",
    "responseElements.ConsoleLogin",
    "errorMessage",
    "sourceIPAddress",
  ],
  needs: { eventNames: ["ConsoleLogin"] },
  match(event) {
    if (event.eventName !== "ConsoleLogin") return null;
    if (event.identityType !== "IAMUser" && event.identityType !== "Root") return null;
    if (stringAt(event.record, "additionalEventData.MFAUsed") !== "No") return null;
    if (stringAt(event.record, "additionalEventData.SamlProviderArn") !== null) return null;
    if (event.userName === HIDDEN_USER_NAME) return null;
    const result = stringAt(event.record, "responseElements.ConsoleLogin");
    const failed = result === "Failure" || (event.errorCode !== null && event.errorCode !== "");
    const who = event.identityType === "Root" ? "Root user" : `IAM user ${clip(event.userName)}`;
    const outcome = failed ? `failed to sign in (${clip(event.errorMessage ?? event.errorCode ?? "Failure")})` : "signed in";
    return { failedAttempt: failed, reason: `${who} ${outcome} to the console without MFA from ${clip(event.sourceIpAddress)}.` };
  },
};
