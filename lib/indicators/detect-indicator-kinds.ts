import { isIP } from "node:net";
import type { IndicatorField } from "@/lib/indicators/indicator-fields";

/**
 * What a pasted value can be. `text` is the fallback: a user agent or a user name.
 * `awsService` is what CloudTrail writes in sourceIPAddress (and userAgent) when a service calls
 * for the caller: `cloudtrail.amazonaws.com`, `AWS Internal`.
 */
export type IndicatorKind = "ip" | "awsService" | "accessKey" | "principalId" | "arn" | "text";

export type DetectedIndicator = { kinds: IndicatorKind[]; fields: IndicatorField[] };

const FIELDS_BY_KIND: Record<IndicatorKind, IndicatorField[]> = {
  ip: ["sourceIPAddress"],
  awsService: ["sourceIPAddress", "userAgent"],
  accessKey: ["accessKeyId", "issuedAccessKeyId"],
  principalId: ["principalId"],
  arn: ["principalArn", "sessionIssuer", "resource"],
  text: ["userAgent", "userName"],
};

// AKIA long-term and ASIA temporary keys (20 characters in practice; test data is shorter or longer).
const ACCESS_KEY = /^A(KIA|SIA)[A-Z0-9]{12,124}$/;
// Unique ids of users, roles, groups …, and "AROA…:session-name" for assumed roles.
const PRINCIPAL_ID = /^A(IDA|ROA|GPA|NPA|NVA|IPA)[A-Z0-9]{12,124}(:\S{1,128})?$/;
const ARN = /^arn:[a-z0-9-]+:[a-z0-9-]*:/;
const AWS_SERVICE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

/**
 * Decides which columns an indicator is looked up in, so every lookup is an exact match on a column
 * where such a value can appear (and, for IPs, keys and ARNs, on an index). The value is taken as is:
 * callers trim it first.
 */
export function detectIndicatorKinds(value: string): DetectedIndicator {
  const kind = detectKind(value);
  return { kinds: [kind], fields: FIELDS_BY_KIND[kind] };
}

function detectKind(value: string): IndicatorKind {
  if (isIP(value) !== 0) return "ip";
  if (ACCESS_KEY.test(value)) return "accessKey";
  if (PRINCIPAL_ID.test(value)) return "principalId";
  if (ARN.test(value)) return "arn";
  if (value === "AWS Internal" || AWS_SERVICE.test(value)) return "awsService";
  return "text";
}
