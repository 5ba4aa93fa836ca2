import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { ATTACK_TECHNIQUES } from "@/lib/detections/attack";
import { RULE_FAMILIES, SEVERITIES, type BuiltinRule } from "@/lib/detections/rule-types";

import { cloudtrailBucketTamperedRule } from "./cloudtrail-bucket-tampered";
import { cloudtrailLoggingStoppedRule } from "./cloudtrail-logging-stopped";
import { cloudtrailSelectorsReducedRule } from "./cloudtrail-selectors-reduced";
import { cloudtrailTrailDeletedRule } from "./cloudtrail-trail-deleted";
import { cloudtrailTrailWeakenedRule } from "./cloudtrail-trail-weakened";
import { iamAccessKeyCreatedForOtherUserRule } from "./iam-access-key-created-for-other-user";
import { iamAccessKeySelfIssuedRule } from "./iam-access-key-self-issued";
import { iamAdminPolicyGrantedRule } from "./iam-admin-policy-granted";
import { iamIdentityProviderChangedRule } from "./iam-identity-provider-changed";
import { iamLoginProfileChangedRule } from "./iam-login-profile-changed";
import { iamRoleTrustsForeignAccountRule } from "./iam-role-trusts-foreign-account";
import { iamUserAddedToAdminGroupRule } from "./iam-user-added-to-admin-group";
import { iamUserCreatedRule } from "./iam-user-created";
import { lambdaChangedByUnusualActorRule } from "./lambda-changed-by-unusual-actor";
import { networkLoggingDeletedRule } from "./network-logging-deleted";
import { securityMonitoringDisabledRule } from "./security-monitoring-disabled";

/** The anti-forensics and persistence rules (issue #6, part A); the registry lists them with the others. */
const RULES: readonly BuiltinRule[] = [
  cloudtrailLoggingStoppedRule,
  cloudtrailTrailDeletedRule,
  cloudtrailTrailWeakenedRule,
  cloudtrailSelectorsReducedRule,
  cloudtrailBucketTamperedRule,
  networkLoggingDeletedRule,
  securityMonitoringDisabledRule,
  iamUserCreatedRule,
  iamAccessKeyCreatedForOtherUserRule,
  iamAccessKeySelfIssuedRule,
  iamLoginProfileChangedRule,
  iamAdminPolicyGrantedRule,
  iamRoleTrustsForeignAccountRule,
  iamUserAddedToAdminGroupRule,
  iamIdentityProviderChangedRule,
  lambdaChangedByUnusualActorRule,
];

describe("anti-forensics and persistence rules: metadata", () => {
  it("each lives in lib/detections/rules/<id>.ts next to its <id>.test.ts", () => {
    const files = new Set(readdirSync(path.dirname(fileURLToPath(import.meta.url))));
    for (const rule of RULES) {
      expect(files.has(`${rule.id}.ts`), rule.id).toBe(true);
      expect(files.has(`${rule.id}.test.ts`), rule.id).toBe(true);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it("is complete: kebab-case id, title, known severity and family, description, known ATT&CK techniques, evidence fields, narrow needs", () => {
    for (const rule of RULES) {
      expect(rule.id, rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(SEVERITIES, rule.id).toContain(rule.severity);
      expect(["anti-forensics", "persistence"], rule.id).toContain(rule.family);
      expect(RULE_FAMILIES, rule.id).toContain(rule.family);
      expect(rule.description.length, rule.id).toBeGreaterThan(80);
      expect(rule.attack.length, rule.id).toBeGreaterThan(0);
      for (const technique of rule.attack) expect(ATTACK_TECHNIQUES[technique], `${rule.id} ${technique}`).toBeDefined();
      expect(rule.evidenceFields.length, rule.id).toBeGreaterThan(2);
      expect(rule.needs.all, rule.id).toBeUndefined();
      expect(rule.needs.eventNames?.length ?? 0, rule.id).toBeGreaterThan(0);
    }
  });

  it("covers every bullet of the issue's two families", () => {
    const names = new Set(RULES.flatMap((r) => r.needs.eventNames ?? []));
    for (const name of [
      "StopLogging",
      "DeleteTrail",
      "UpdateTrail",
      "PutEventSelectors",
      "PutInsightSelectors",
      "DeleteFlowLogs",
      "DeleteDetector",
      "DisableSecurityHub",
      "StopConfigurationRecorder",
      "DeleteAnalyzer",
      "PutBucketLifecycle",
      "PutBucketPolicy",
      "CreateUser",
      "CreateAccessKey",
      "CreateLoginProfile",
      "UpdateLoginProfile",
      "AttachUserPolicy",
      "AttachRolePolicy",
      "AttachGroupPolicy",
      "PutUserPolicy",
      "PutRolePolicy",
      "PutGroupPolicy",
      "CreateRole",
      "UpdateAssumeRolePolicy",
      "AddUserToGroup",
      "CreateSAMLProvider",
      "CreateOpenIDConnectProvider",
      "CreateFunction20150331",
      "UpdateFunctionCode20150331v2",
    ]) {
      expect(names.has(name), name).toBe(true);
    }
  });
});
