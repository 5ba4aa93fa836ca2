/**
 * What kind of principal an ARN names, for labels on the identity pages ("role session", "IAM user" …).
 * Read from the ARN's shape only (any partition: aws, aws-cn, aws-us-gov); the ARN is attacker-chosen
 * text, so this is a hint for a human, never a basis for a decision.
 */
export function describePrincipalArn(arn: string): string {
  const m = /^arn:[^:]*:(iam|sts)::[^:]*:(.*)$/.exec(arn);
  if (!m) return arn.includes(".amazonaws.com") ? "AWS service" : "principal";
  const [, service, resource = ""] = m;
  if (service === "iam" && resource === "root") return "root user";
  if (service === "iam" && resource.startsWith("user/")) return "IAM user";
  if (service === "iam" && resource.startsWith("role/")) return "role";
  if (service === "sts" && resource.startsWith("assumed-role/AWSReservedSSO_")) return "Identity Center session";
  if (service === "sts" && resource.startsWith("assumed-role/")) return "role session";
  if (service === "sts" && resource.startsWith("federated-user/")) return "federated user";
  return "principal";
}
