import { stringAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

const CHANGES: Readonly<Record<string, { what: string; namePaths: readonly string[] }>> = {
  CreateSAMLProvider: { what: "new SAML identity provider", namePaths: ["requestParameters.name", "responseElements.sAMLProviderArn"] },
  UpdateSAMLProvider: { what: "SAML identity provider metadata replaced", namePaths: ["requestParameters.sAMLProviderArn", "requestParameters.name"] },
  CreateOpenIDConnectProvider: { what: "new OpenID Connect identity provider", namePaths: ["requestParameters.url", "responseElements.openIDConnectProviderArn"] },
  UpdateOpenIDConnectProviderThumbprint: { what: "OpenID Connect provider thumbprint replaced", namePaths: ["requestParameters.openIDConnectProviderArn"] },
  AddClientIDToOpenIDConnectProvider: { what: "client id added to an OpenID Connect provider", namePaths: ["requestParameters.openIDConnectProviderArn"] },
};

/** IAM Identity Center manages its own SAML provider through this service-linked role; an attacker cannot assume it. */
const IDENTITY_CENTER_ROLE = /:role\/aws-service-role\/sso\.amazonaws\.com\/AWSServiceRoleForSSO$/;

/** A SAML or OIDC identity provider created or re-keyed in IAM (not by Identity Center itself). */
export const iamIdentityProviderChangedRule: EventRule = {
  kind: "event",
  id: "iam-identity-provider-changed",
  title: "SAML or OIDC identity provider created or changed",
  severity: "high",
  family: "persistence",
  description:
    "An identity provider the attacker controls (or whose signing metadata they replaced) lets them mint federated sessions into any role that trusts it, " +
    "without any IAM user or key to revoke. Denied or failed attempts fire too and say so.",
  attack: ["T1484.002"],
  evidenceFields: ["eventName", "requestParameters.name", "requestParameters.url", "requestParameters.sAMLProviderArn", "requestParameters.openIDConnectProviderArn", "userIdentity.sessionContext.sessionIssuer.arn", "errorCode"],
  needs: { eventNames: Object.keys(CHANGES) },
  match(event) {
    const change = event.eventName === null ? undefined : CHANGES[event.eventName];
    if (change === undefined || event.eventSource !== "iam.amazonaws.com") return null;
    if (event.sessionIssuerArn !== null && IDENTITY_CENTER_ROLE.test(event.sessionIssuerArn)) return null;
    const name = change.namePaths.map((p) => stringAt(event.record, p)).find((v) => v !== null) ?? null;
    const outcome = attemptOutcome(event);
    return { failedAttempt: outcome.failedAttempt, reason: `${change.what}: ${name === null ? "(name not recorded)" : quoteValue(name)}${outcome.note}` };
  },
};
