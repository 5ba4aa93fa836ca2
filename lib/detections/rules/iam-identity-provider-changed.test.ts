import { describe, expect, it } from "vitest";

import { iamIdentityProviderChangedRule as rule } from "./iam-identity-provider-changed";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("iam-identity-provider-changed corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const identityCenter = {
  type: "AssumedRole",
  arn: "arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForSSO/AWS-SSO",
  accountId: "111111111111",
  invokedBy: "sso.amazonaws.com",
  sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111111111111:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO", userName: "AWSServiceRoleForSSO" } },
};

describe("iam-identity-provider-changed", () => {
  it("fires on new SAML/OIDC providers and re-keyed ones, not on Identity Center managing its own", () => {
    const records = [
      fakeRecord({ eventID: "saml", eventSource: "iam.amazonaws.com", eventName: "CreateSAMLProvider", requestParameters: { name: "okta-new", sAMLMetadataDocument: "<xml/>" } }),
      fakeRecord({ eventID: "oidc", eventSource: "iam.amazonaws.com", eventName: "CreateOpenIDConnectProvider", requestParameters: { url: "https://token.example.net", clientIDList: ["sts.amazonaws.com"] } }),
      fakeRecord({ eventID: "thumb", eventSource: "iam.amazonaws.com", eventName: "UpdateOpenIDConnectProviderThumbprint", errorCode: "AccessDenied", requestParameters: { openIDConnectProviderArn: "arn:aws:iam::111111111111:oidc-provider/token.example.net" } }),
      fakeRecord({ eventID: "sso", eventSource: "iam.amazonaws.com", eventName: "CreateSAMLProvider", userIdentity: identityCenter, requestParameters: { name: "AWSSSO_1_DO_NOT_DELETE" } }),
      fakeRecord({ eventID: "list", eventSource: "iam.amazonaws.com", eventName: "ListSAMLProviders" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["saml", false, 'new SAML identity provider: "okta-new"'],
      ["oidc", false, 'new OpenID Connect identity provider: "https://token.example.net"'],
      ["thumb", true, 'OpenID Connect provider thumbprint replaced: "arn:aws:iam::111111111111:oidc-provider/token.example.net" — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("traildiscover: an administrator replacing the Identity Center SAML provider's metadata", () => {
      const records = readCorpusRecords("traildiscover-log-examples");
      const expected = records.filter((r) => /^(Create|Update)(SAMLProvider|OpenIDConnectProvider)/.test(String(r.eventName)));
      expect(expected.map((r) => [r.eventName, (r.userIdentity as RawRecord).type])).toEqual([["UpdateSAMLProvider", "AssumedRole"]]);
      const hits = runRule(rule, toEvents(records), ctx);
      expect(hitIds(hits)).toEqual(expected.map((r) => String(r.eventID)));
      expect(hits[0]?.reason).toBe('SAML identity provider metadata replaced: "arn:aws:iam::111111111111:saml-provider/AWSSSO_bafa1a00e8e55555_DO_NOT_DELETE"');
    });
  });
});
