import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent } from "@/lib/detections/rule-types";

import { adminGrantOf, isAdminManagedPolicyArn, parsePolicyDocument } from "./policy-document";
import { quoteValue } from "./quote-value";

/** The IAM calls that create customer managed policies whose content the admin-grant rules learn from. */
export const POLICY_AUTHORING_EVENTS = ["CreatePolicy", "CreatePolicyVersion"] as const;

/**
 * Customer managed policies that grant everything, learnt from the evidence: a successful CreatePolicy, or a
 * CreatePolicyVersion made the default, whose document is admin. ARN → how it grants (`Allow "*" on "*"`).
 * A later default version that is not admin removes the policy again (events oldest first).
 */
export function collectAdminCustomerPolicies(events: readonly DetectionEvent[]): Map<string, string> {
  const admin = new Map<string, string>();
  for (const e of events) {
    if (e.eventSource !== "iam.amazonaws.com" || isFailedEvent(e)) continue;
    let arn: string | null = null;
    if (e.eventName === "CreatePolicy") arn = stringAt(e.record, "responseElements.policy.arn");
    else if (e.eventName === "CreatePolicyVersion" && String(valuesAt(e.record, "requestParameters.setAsDefault")[0]) === "true") {
      arn = stringAt(e.record, "requestParameters.policyArn");
    }
    if (arn === null) continue;
    const grant = adminGrantOf(parsePolicyDocument(valuesAt(e.record, "requestParameters.policyDocument")[0]) ?? []);
    if (grant === null) admin.delete(arn);
    else admin.set(arn, grant);
  }
  return admin;
}

/**
 * How an Attach*Policy or Put*Policy call grants administrator rights, as reason text, else null: an
 * administrator-equivalent AWS managed policy, a customer policy known to be admin, or an inline
 * document that allows everything.
 */
export function adminGrantDescription(event: DetectionEvent, adminCustomerPolicies: ReadonlyMap<string, string>): string | null {
  const name = event.eventName ?? "";
  if (/^Attach(User|Role|Group)Policy$/.test(name)) {
    const arn = stringAt(event.record, "requestParameters.policyArn");
    if (isAdminManagedPolicyArn(arn)) return `AWS managed policy ${quoteValue(arn)} attached`;
    const grant = arn === null ? undefined : adminCustomerPolicies.get(arn);
    return grant === undefined ? null : `customer managed policy ${quoteValue(arn)} attached, whose document grants ${grant}`;
  }
  if (/^Put(User|Role|Group)Policy$/.test(name)) {
    const grant = adminGrantOf(parsePolicyDocument(valuesAt(event.record, "requestParameters.policyDocument")[0]) ?? []);
    return grant === null ? null : `inline policy ${quoteValue(stringAt(event.record, "requestParameters.policyName"))} grants ${grant}`;
  }
  return null;
}
