import { stringAt, valuesAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { parsePolicyDocument, trustedAccountsOf } from "./policy-document";
import { quoteValue } from "./quote-value";

const DOCUMENT_PATH: Readonly<Record<string, string>> = {
  CreateRole: "requestParameters.assumeRolePolicyDocument",
  UpdateAssumeRolePolicy: "requestParameters.policyDocument",
};

/**
 * CreateRole / UpdateAssumeRolePolicy whose trust policy lets a foreign account assume the role: an AWS
 * principal whose account is not one of the case's accounts (ctx.caseAccountIds) nor the event's own
 * account, or "*" (any AWS principal). Service and federated principals are not judged here.
 */
export const iamRoleTrustsForeignAccountRule: EventRule = {
  kind: "event",
  id: "iam-role-trusts-foreign-account",
  title: "Role trust policy lets a foreign account assume it",
  severity: "high",
  family: "persistence",
  description:
    "A role that trusts an outside account is a backdoor: whoever controls that account can assume the role at will, with no user, key or password " +
    "in this account to find and revoke. Denied or failed attempts fire too and say so.",
  attack: ["T1098.003"],
  evidenceFields: ["eventName", "requestParameters.roleName", "requestParameters.assumeRolePolicyDocument", "requestParameters.policyDocument", "recipientAccountId", "errorCode"],
  needs: { eventNames: Object.keys(DOCUMENT_PATH) },
  match(event, context) {
    const path = event.eventName === null ? undefined : DOCUMENT_PATH[event.eventName];
    if (path === undefined || event.eventSource !== "iam.amazonaws.com") return null;
    const statements = parsePolicyDocument(valuesAt(event.record, path)[0]);
    if (statements === null) return null;
    const foreign = trustedAccountsOf(statements).filter(
      (t) => t.account === "*" || (!context.caseAccountIds.has(t.account) && t.account !== event.recipientAccountId),
    );
    if (foreign.length === 0) return null;
    const who = foreign
      .slice(0, 5)
      .map((t) => (t.account === "*" ? `any AWS principal (${quoteValue(t.principal)})` : `account ${t.account} (${quoteValue(t.principal)})`) + (t.hasCondition ? " with a condition" : ""))
      .join(", ");
    const outcome = attemptOutcome(event);
    return {
      failedAttempt: outcome.failedAttempt,
      reason: `${event.eventName} on role ${quoteValue(stringAt(event.record, "requestParameters.roleName"))}: trusts ${who}, outside the case's accounts${outcome.note}`,
    };
  },
};
