/**
 * The resources a call touched, for "same resource" pivots: every `resources[].ARN`, plus the common
 * request parameters that name a resource, turned into the ARN AWS would give it where it can be built
 * from the record alone (account = recipientAccountId, region = awsRegion). Deduplicated, in order of
 * appearance, at most MAX_RESOURCES, each cut to MAX_RESOURCE_CHARS. Pure; never throws on JSON input.
 *
 * Covered request parameters: S3 bucketName; IAM roleArn / roleName, userName, groupName, policyArn;
 * EC2 instanceId and instancesSet.items[].instanceId; Lambda functionName; CloudTrail trail name;
 * KMS keyId; any other parameter whose value is an ARN string at the top level (e.g. secretId, topicArn).
 */
export const MAX_RESOURCES = 32;
export const MAX_RESOURCE_CHARS = 2048;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null);
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function eventResources(r: Json): string[] {
  const out: string[] = [];
  const add = (v: string | null) => {
    if (v === null || out.length >= MAX_RESOURCES) return;
    const value = v.replace(/\u0000/g, "").slice(0, MAX_RESOURCE_CHARS);
    if (value && !out.includes(value)) out.push(value);
  };
  if (Array.isArray(r.resources)) for (const res of r.resources) add(text(obj(res)?.ARN) ?? text(obj(res)?.arn));

  const params = obj(r.requestParameters);
  if (params === null) return out;
  const account = text(r.recipientAccountId) ?? "";
  const region = text(r.awsRegion) ?? "";
  const source = text(r.eventSource) ?? "";
  const arnOr = (v: unknown, build: (name: string) => string) => {
    const s = text(v);
    return s === null ? null : s.startsWith("arn:") ? s : build(s);
  };

  if (source === "s3.amazonaws.com") add(arnOr(params.bucketName, (b) => `arn:aws:s3:::${b}`));
  if (source === "iam.amazonaws.com") {
    add(arnOr(params.roleName, (n) => `arn:aws:iam::${account}:role/${n}`));
    add(arnOr(params.userName, (n) => `arn:aws:iam::${account}:user/${n}`));
    add(arnOr(params.groupName, (n) => `arn:aws:iam::${account}:group/${n}`));
  }
  if (source === "ec2.amazonaws.com") {
    add(arnOr(params.instanceId, (id) => `arn:aws:ec2:${region}:${account}:instance/${id}`));
    const items = obj(params.instancesSet)?.items;
    if (Array.isArray(items)) for (const it of items) add(arnOr(obj(it)?.instanceId, (id) => `arn:aws:ec2:${region}:${account}:instance/${id}`));
  }
  if (source === "lambda.amazonaws.com") add(arnOr(params.functionName, (n) => `arn:aws:lambda:${region}:${account}:function:${n}`));
  if (source === "cloudtrail.amazonaws.com") add(arnOr(params.name ?? params.trailName, (n) => `arn:aws:cloudtrail:${region}:${account}:trail/${n}`));
  if (source === "kms.amazonaws.com") {
    const key = text(params.keyId);
    if (key !== null && !key.startsWith("alias/")) add(arnOr(key, (id) => `arn:aws:kms:${region}:${account}:key/${id}`));
  }
  // Any other top-level parameter that already is an ARN (roleArn, policyArn, secretId, topicArn …).
  for (const value of Object.values(params)) {
    const s = text(value);
    if (s !== null && s.startsWith("arn:")) add(s);
  }
  return out;
}
