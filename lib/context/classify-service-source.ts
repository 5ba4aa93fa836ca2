/**
 * A `sourceIPAddress` that is not an IP address. CloudTrail writes the calling service's DNS name
 * when an AWS service acts on the account's behalf (`ec2.amazonaws.com`,
 * `delivery.logs.amazonaws.com`) and `AWS Internal` for some internal callers.
 * Anything else that is a well-formed DNS name is another service ("other-service"); the rest
 * (`redacted`, `<Attacker source IP>`, `255.090.254.5`) is junk ("invalid").
 */
export type ServiceSourceKind = "aws-service" | "other-service" | "invalid";

const AWS_SERVICE_SUFFIXES = [".amazonaws.com", ".amazonaws.com.cn", ".amazonaws-us-gov.com", ".amazon.com", ".aws.internal"];
const AWS_SERVICE_NAMES = new Set(["aws internal", "amazonaws.com", "amazon.com"]);

/** RFC 1123 host names with at least two labels and an alphabetic top-level label. */
const HOST_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function classifyServiceSource(value: string): ServiceSourceKind {
  if (value.length > 253) return "invalid";
  const lower = value.toLowerCase();
  if (AWS_SERVICE_NAMES.has(lower)) return "aws-service";
  if (!HOST_NAME.test(lower)) return "invalid";
  for (const suffix of AWS_SERVICE_SUFFIXES) {
    if (lower.endsWith(suffix)) return "aws-service";
  }
  return "other-service";
}
