import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { ATTACK_TECHNIQUES, tacticsOf } from "@/lib/detections/attack";
import { RULE_FAMILIES, SEVERITIES, type BuiltinRule } from "@/lib/detections/rule-types";

import { accessKeyNewSourceRule } from "./access-key-new-source";
import { consoleLoginFailuresThenSuccessRule } from "./console-login-failures-then-success";
import { consoleLoginWithoutMfaRule } from "./console-login-without-mfa";
import { discoveryBurstRule } from "./discovery-burst";
import { ec2GetPasswordDataRule } from "./ec2-get-password-data";
import { ec2InstanceCredentialsOutsideAwsRule } from "./ec2-instance-credentials-outside-aws";
import { getCallerIdentityNewSourceRule } from "./get-caller-identity-new-source";
import { iamUserTemporaryCredentialsRule } from "./iam-user-temporary-credentials";
import { kmsKeyScheduledForDeletionRule } from "./kms-key-scheduled-for-deletion";
import { massDeletionRule } from "./mass-deletion";
import { rootAccountActivityRule } from "./root-account-activity";
import { runInstancesUnusualRule } from "./run-instances-unusual";
import { s3BucketOpenedRule } from "./s3-bucket-opened";
import { s3GetObjectBurstRule } from "./s3-get-object-burst";
import { secretsManagerBurstRule } from "./secrets-manager-burst";
import { snapshotOrImageSharedExternallyRule } from "./snapshot-or-image-shared-externally";

/** The part-B rules (credential misuse, discovery, collection/exfiltration, impact). */
const RULES: readonly BuiltinRule[] = [
  rootAccountActivityRule,
  consoleLoginWithoutMfaRule,
  consoleLoginFailuresThenSuccessRule,
  ec2InstanceCredentialsOutsideAwsRule,
  accessKeyNewSourceRule,
  iamUserTemporaryCredentialsRule,
  discoveryBurstRule,
  getCallerIdentityNewSourceRule,
  s3GetObjectBurstRule,
  snapshotOrImageSharedExternallyRule,
  s3BucketOpenedRule,
  ec2GetPasswordDataRule,
  secretsManagerBurstRule,
  runInstancesUnusualRule,
  massDeletionRule,
  kmsKeyScheduledForDeletionRule,
];

const here = path.dirname(fileURLToPath(import.meta.url));

describe("part-B rule metadata", () => {
  it.each(RULES.map((r) => [r.id, r] as const))("%s: complete, consistent metadata", (id, rule) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(existsSync(path.join(here, `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(here, `${id}.test.ts`))).toBe(true);
    expect(SEVERITIES).toContain(rule.severity);
    expect(RULE_FAMILIES).toContain(rule.family);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.description.length).toBeGreaterThan(60);
    expect(rule.evidenceFields.length).toBeGreaterThan(2);
    expect(rule.attack.length).toBeGreaterThan(0);
    for (const technique of rule.attack) {
      expect(ATTACK_TECHNIQUES[technique], technique).toBeDefined();
      expect(tacticsOf(technique).length).toBeGreaterThan(0);
    }
    const { needs } = rule;
    expect(needs.all).toBeUndefined();
    const criteria = [needs.eventNames, needs.eventSources, needs.identityTypes, needs.eventNamePrefixes, needs.deviations].filter((c) => c !== undefined);
    expect(criteria.length).toBeGreaterThan(0);
    expect(criteria.every((c) => c.length > 0)).toBe(true);
  });

  it("ids are unique and every family of part B is covered", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.family))).toEqual(new Set(["credential-misuse", "discovery", "collection", "impact"]));
  });
});
