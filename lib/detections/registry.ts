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
import type { BuiltinRule } from "@/lib/detections/rule-types";

/**
 * Every built-in rule, explicitly (nothing registers itself by being imported). Ids are unique
 * (registry.test.ts); findings are keyed on them, so an id never changes once released.
 */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  // Anti-forensics / defense evasion
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
