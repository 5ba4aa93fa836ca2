import { cloudtrailLoggingStoppedRule } from "@/lib/detections/rules/cloudtrail-logging-stopped";
import { cloudtrailTrailDeletedRule } from "@/lib/detections/rules/cloudtrail-trail-deleted";
import { cloudtrailTrailWeakenedRule } from "@/lib/detections/rules/cloudtrail-trail-weakened";
import { cloudtrailSelectorsReducedRule } from "@/lib/detections/rules/cloudtrail-selectors-reduced";
import { cloudtrailBucketTamperedRule } from "@/lib/detections/rules/cloudtrail-bucket-tampered";
import { networkLoggingDeletedRule } from "@/lib/detections/rules/network-logging-deleted";
import { securityMonitoringDisabledRule } from "@/lib/detections/rules/security-monitoring-disabled";
import { iamUserCreatedRule } from "@/lib/detections/rules/iam-user-created";
import { iamAccessKeyCreatedForOtherUserRule } from "@/lib/detections/rules/iam-access-key-created-for-other-user";
import { iamAccessKeySelfIssuedRule } from "@/lib/detections/rules/iam-access-key-self-issued";
import { iamLoginProfileChangedRule } from "@/lib/detections/rules/iam-login-profile-changed";
import { iamAdminPolicyGrantedRule } from "@/lib/detections/rules/iam-admin-policy-granted";
import { iamRoleTrustsForeignAccountRule } from "@/lib/detections/rules/iam-role-trusts-foreign-account";
import { iamUserAddedToAdminGroupRule } from "@/lib/detections/rules/iam-user-added-to-admin-group";
import { iamIdentityProviderChangedRule } from "@/lib/detections/rules/iam-identity-provider-changed";
import { lambdaChangedByUnusualActorRule } from "@/lib/detections/rules/lambda-changed-by-unusual-actor";
import { rootAccountActivityRule } from "@/lib/detections/rules/root-account-activity";
import { consoleLoginWithoutMfaRule } from "@/lib/detections/rules/console-login-without-mfa";
import { consoleLoginFailuresThenSuccessRule } from "@/lib/detections/rules/console-login-failures-then-success";
import { ec2InstanceCredentialsOutsideAwsRule } from "@/lib/detections/rules/ec2-instance-credentials-outside-aws";
import { accessKeyNewSourceRule } from "@/lib/detections/rules/access-key-new-source";
import { iamUserTemporaryCredentialsRule } from "@/lib/detections/rules/iam-user-temporary-credentials";
import { discoveryBurstRule } from "@/lib/detections/rules/discovery-burst";
import { getCallerIdentityNewSourceRule } from "@/lib/detections/rules/get-caller-identity-new-source";
import { s3GetObjectBurstRule } from "@/lib/detections/rules/s3-get-object-burst";
import { snapshotOrImageSharedExternallyRule } from "@/lib/detections/rules/snapshot-or-image-shared-externally";
import { s3BucketOpenedRule } from "@/lib/detections/rules/s3-bucket-opened";
import { ec2GetPasswordDataRule } from "@/lib/detections/rules/ec2-get-password-data";
import { secretsManagerBurstRule } from "@/lib/detections/rules/secrets-manager-burst";
import { runInstancesUnusualRule } from "@/lib/detections/rules/run-instances-unusual";
import { massDeletionRule } from "@/lib/detections/rules/mass-deletion";
import { kmsKeyScheduledForDeletionRule } from "@/lib/detections/rules/kms-key-scheduled-for-deletion";
import type { BuiltinRule } from "@/lib/detections/rule-types";

/**
 * Every built-in rule, explicitly (nothing registers itself by being imported). Ids are unique
 * (registry.test.ts); findings are keyed on them, so an id never changes once released.
 */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  // Anti-forensics / defense evasion, persistence and privilege escalation
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
  // Credential misuse
  rootAccountActivityRule,
  consoleLoginWithoutMfaRule,
  consoleLoginFailuresThenSuccessRule,
  ec2InstanceCredentialsOutsideAwsRule,
  accessKeyNewSourceRule,
  iamUserTemporaryCredentialsRule,
  // Discovery
  discoveryBurstRule,
  getCallerIdentityNewSourceRule,
  // Collection and exfiltration
  s3GetObjectBurstRule,
  snapshotOrImageSharedExternallyRule,
  s3BucketOpenedRule,
  ec2GetPasswordDataRule,
  secretsManagerBurstRule,
  // Impact
  runInstancesUnusualRule,
  massDeletionRule,
  kmsKeyScheduledForDeletionRule,
];
