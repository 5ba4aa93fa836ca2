import { stringAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";
import { HIDDEN_USER_NAME } from "@/lib/detections/rules/console-login-without-mfa";
import { clip, formatSpan, listSome } from "@/lib/detections/rules/shared/format-evidence";

/** Who signs in: root of an account, or one IAM user name of an account (a failed sign-in has no ARN, only the name). */
function signInKey(event: DetectionEvent): string | null {
  const account = event.recipientAccountId ?? event.principalAccountId ?? "";
  if (event.identityType === "Root") return `${account}\u0000root`;
  if (event.identityType !== "IAMUser" || !event.userName || event.userName === HIDDEN_USER_NAME) return null;
  return `${account}\u0000user\u0000${event.userName}`;
}

/**
 * Failed console sign-ins of one user followed by a successful one: at least
 * `settings.consoleLoginFailures` failures within `settings.burstWindowMinutes` before the success. A
 * guessed, sprayed or stuffed password looks like this. Sign-ins are matched on the account and the
 * user name (root, or the IAM user), because a failed sign-in carries no ARN. Each success starts over.
 */
export const consoleLoginFailuresThenSuccessRule: SequenceRule = {
  kind: "sequence",
  id: "console-login-failures-then-success",
  title: "Failed console sign-ins followed by a success",
  severity: "high",
  family: "credential-misuse",
  description:
    "Several failed console sign-ins for one user and then a successful one, within minutes: the pattern of a password being guessed, sprayed or replayed until it worked. The threshold and window are case settings.",
  attack: ["T1110", "T1078.004"],
  evidenceFields: ["eventName", "userIdentity.type", "userIdentity.userName", "recipientAccountId", "responseElements.ConsoleLogin", "errorMessage", "sourceIPAddress"],
  needs: { eventNames: ["ConsoleLogin"] },
  evaluate(events, context) {
    const windowMs = context.settings.burstWindowMinutes * 60_000;
    const needed = Math.max(1, context.settings.consoleLoginFailures);
    const failures = new Map<string, DetectionEvent[]>();
    const hits: SequenceHit[] = [];
    for (const event of events) {
      if (event.eventName !== "ConsoleLogin" || event.eventTime === null) continue;
      const key = signInKey(event);
      const result = stringAt(event.record, "responseElements.ConsoleLogin");
      if (key === null || (result !== "Success" && result !== "Failure")) continue;
      const at = event.eventTime.getTime();
      const recent = (failures.get(key) ?? []).filter((f) => at - f.eventTime!.getTime() <= windowMs);
      if (result === "Failure") {
        recent.push(event);
        failures.set(key, recent);
        continue;
      }
      failures.delete(key);
      if (recent.length < needed) continue;
      const all = [...recent, event];
      const who = event.identityType === "Root" ? "root" : `IAM user ${clip(event.userName)}`;
      hits.push({
        eventIds: all.map((e) => e.eventId),
        principal: principalOf(event),
        failedAttempt: false,
        reason:
          `${recent.length} failed console sign-in${recent.length === 1 ? "" : "s"} for ${who}, then a successful one ` +
          `${formatSpan(at - recent[0]!.eventTime!.getTime())} after the first failure ` +
          `(threshold ${needed} in ${context.settings.burstWindowMinutes} min), from ${listSome(all.map((e) => e.sourceIpAddress))}.`,
      });
    }
    return hits;
  },
};
