import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";

import { POLICY_AUTHORING_EVENTS, adminGrantDescription, collectAdminCustomerPolicies } from "./admin-grants";
import { attemptOutcome } from "./attempt-outcome";
import { adminGrantOf, parsePolicyDocument } from "./policy-document";
import { quoteValue } from "./quote-value";

const GRANTS = ["AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy"];

function targetOf(event: DetectionEvent): string {
  for (const [kind, path] of [
    ["user", "requestParameters.userName"],
    ["role", "requestParameters.roleName"],
    ["group", "requestParameters.groupName"],
  ] as const) {
    const name = stringAt(event.record, path);
    if (name !== null) return `${kind} ${quoteValue(name)}`;
  }
  return "an unnamed identity";
}

/** The caller gave the rights to itself (an IAM user escalating its own user). */
function isSelfGrant(event: DetectionEvent): boolean {
  const target = stringAt(event.record, "requestParameters.userName");
  return target !== null && event.identityType === "IAMUser" && target === stringAt(event.record, "userIdentity.userName");
}

/**
 * Administrator rights granted to a user, role or group: AdministratorAccess / IAMFullAccess attached, an
 * inline policy allowing "*" on "*", a customer managed policy created in the evidence with such a document
 * attached, or a new default policy version that makes an existing policy admin (it escalates every holder).
 */
export const iamAdminPolicyGrantedRule: SequenceRule = {
  kind: "sequence",
  id: "iam-admin-policy-granted",
  title: "Administrator permissions granted",
  severity: "critical",
  family: "persistence",
  description:
    "Attaching AdministratorAccess or writing a policy that allows every action on every resource turns a foothold into full control of the account, " +
    "and gives a backdoor identity everything it needs later. Denied or failed attempts fire too: they show what the caller was trying to become.",
  attack: ["T1098.003"],
  evidenceFields: [
    "eventName",
    "requestParameters.policyArn",
    "requestParameters.policyDocument",
    "requestParameters.policyName",
    "requestParameters.userName",
    "requestParameters.roleName",
    "requestParameters.groupName",
    "requestParameters.setAsDefault",
    "responseElements.policy.arn (CreatePolicy)",
    "errorCode",
  ],
  needs: { eventNames: [...GRANTS, ...POLICY_AUTHORING_EVENTS] },
  evaluate(events) {
    const adminCustomer = collectAdminCustomerPolicies(events);
    const hits: SequenceHit[] = [];
    for (const event of events) {
      if (event.eventSource !== "iam.amazonaws.com" || event.eventName === null) continue;
      let what: string | null = null;
      if (GRANTS.includes(event.eventName)) {
        const grant = adminGrantDescription(event, adminCustomer);
        if (grant !== null) what = `${grant} to ${targetOf(event)}${isSelfGrant(event) ? " (the caller granted itself)" : ""}`;
      } else if (event.eventName === "CreatePolicyVersion" && String(valuesAt(event.record, "requestParameters.setAsDefault")[0]) === "true") {
        const grant = adminGrantOf(parsePolicyDocument(valuesAt(event.record, "requestParameters.policyDocument")[0]) ?? []);
        if (grant !== null) {
          what = `new default version of policy ${quoteValue(stringAt(event.record, "requestParameters.policyArn"))} grants ${grant}: every identity holding it escalates`;
        }
      }
      if (what === null) continue;
      const outcome = attemptOutcome(event);
      hits.push({ eventIds: [event.eventId], principal: principalOf(event), failedAttempt: outcome.failedAttempt, reason: `${event.eventName}: ${what}${outcome.note}` });
    }
    return hits;
  },
};
