import { stringAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";

import { POLICY_AUTHORING_EVENTS, adminGrantDescription, collectAdminCustomerPolicies } from "./admin-grants";
import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/** A group whose name says it is for administrators (Admins, administrators, sysadmin, admin-team …). */
const ADMIN_NAME = /admin/i;

/** Groups the evidence shows to be admin: granted an admin policy (attached or inline) by a successful call, anywhere in the evidence. */
function adminGroupsOf(events: readonly DetectionEvent[]): Map<string, string> {
  const adminCustomer = collectAdminCustomerPolicies(events);
  const groups = new Map<string, string>();
  for (const e of events) {
    if (e.eventSource !== "iam.amazonaws.com" || isFailedEvent(e)) continue;
    if (e.eventName !== "AttachGroupPolicy" && e.eventName !== "PutGroupPolicy") continue;
    const group = stringAt(e.record, "requestParameters.groupName");
    const grant = adminGrantDescription(e, adminCustomer);
    if (group !== null && grant !== null && !groups.has(group)) groups.set(group, `${grant} (${e.eventName} at ${e.eventTime?.toISOString() ?? "unknown time"})`);
  }
  return groups;
}

/**
 * AddUserToGroup into a group that is admin by the evidence (an admin policy attached or put on it, before
 * or after) or by its name (/admin/i). Groups whose rights were granted before the evidence starts and
 * whose name does not say "admin" are not recognised.
 */
export const iamUserAddedToAdminGroupRule: SequenceRule = {
  kind: "sequence",
  id: "iam-user-added-to-admin-group",
  title: "User added to an administrators group",
  severity: "high",
  family: "persistence",
  description:
    "Adding a user to an administrators group grants every permission of the group in one quiet call that never mentions a policy; it is a common " +
    "way to escalate a compromised or newly created user. Denied or failed attempts fire too and say so.",
  attack: ["T1098.003"],
  evidenceFields: ["eventName", "requestParameters.userName", "requestParameters.groupName", "requestParameters.policyArn (AttachGroupPolicy)", "requestParameters.policyDocument (PutGroupPolicy)", "errorCode"],
  needs: { eventNames: ["AddUserToGroup", "AttachGroupPolicy", "PutGroupPolicy", ...POLICY_AUTHORING_EVENTS] },
  evaluate(events) {
    const adminGroups = adminGroupsOf(events);
    const hits: SequenceHit[] = [];
    for (const event of events) {
      if (event.eventSource !== "iam.amazonaws.com" || event.eventName !== "AddUserToGroup") continue;
      const group = stringAt(event.record, "requestParameters.groupName");
      if (group === null) continue;
      const why = adminGroups.get(group) ?? (ADMIN_NAME.test(group) ? "its name says it is for administrators" : null);
      if (why === null) continue;
      const outcome = attemptOutcome(event);
      const user = quoteValue(stringAt(event.record, "requestParameters.userName"));
      hits.push({
        eventIds: [event.eventId],
        principal: principalOf(event),
        failedAttempt: outcome.failedAttempt,
        reason: `user ${user} added to group ${quoteValue(group)}, which is admin: ${why}${outcome.note}`,
      });
    }
    return hits;
  },
};
