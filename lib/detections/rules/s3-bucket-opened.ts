import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, type DetectionContext, type EventRule } from "@/lib/detections/rule-types";
import { clip, listSome } from "@/lib/detections/rules/shared/format-evidence";

const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i;
const GRANT_HEADERS = ["x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control"];
const ACCOUNT_IN_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;
const BPA_FLAGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** The policy document of PutBucketPolicy: CloudTrail logs it as an object (sometimes as a JSON string). */
function policyDocument(event: DetectionEvent): unknown {
  const policy = event.record.requestParameters;
  const document = policy !== null && typeof policy === "object" ? (policy as Record<string, unknown>).bucketPolicy : undefined;
  if (typeof document !== "string") return document;
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return undefined;
  }
}

/** Who an Allow statement without conditions opens the bucket to: everyone, or accounts outside `own`. */
function policyGrantees(event: DetectionEvent, own: Set<string>): string[] {
  const out: string[] = [];
  for (const statement of valuesAt(policyDocument(event), "Statement")) {
    if (statement === null || typeof statement !== "object" || stringAt(statement, "Effect") !== "Allow") continue;
    const principal = (statement as Record<string, unknown>).Principal;
    const aws = principal !== null && typeof principal === "object" ? asList((principal as Record<string, unknown>).AWS) : asList(principal);
    const conditional = (statement as Record<string, unknown>).Condition !== undefined;
    for (const value of aws) {
      if (typeof value !== "string") continue;
      if (value === "*") {
        if (!conditional) out.push("everyone (Principal \"*\")");
        continue;
      }
      const account = /^\d{12}$/.test(value) ? value : (ACCOUNT_IN_ARN.exec(value)?.[1] ?? null);
      if (account !== null && !own.has(account)) out.push(`foreign account ${account}`);
    }
  }
  return out;
}

/** Public grants of PutBucketAcl: a public canned ACL, an AllUsers/AuthenticatedUsers grant in the body or a grant header. */
function aclGrantees(event: DetectionEvent): string[] {
  const out: string[] = [];
  for (const acl of valuesAt(event.record, "requestParameters.x-amz-acl")) {
    if (typeof acl === "string" && PUBLIC_CANNED_ACLS.has(acl)) out.push(`canned ACL ${acl}`);
  }
  for (const uri of valuesAt(event.record, "requestParameters.AccessControlPolicy.AccessControlList.Grant.Grantee.URI")) {
    const m = typeof uri === "string" ? PUBLIC_GROUPS.exec(uri) : null;
    if (m) out.push(`group ${m[1]}`);
  }
  for (const header of GRANT_HEADERS) {
    for (const value of valuesAt(event.record, `requestParameters.${header}`)) {
      const m = typeof value === "string" ? PUBLIC_GROUPS.exec(value) : null;
      if (m) out.push(`${header} to ${m[1]}`);
    }
  }
  return out;
}

function openedTo(event: DetectionEvent, context: DetectionContext): string[] {
  const own = new Set(context.caseAccountIds);
  if (event.recipientAccountId) own.add(event.recipientAccountId);
  switch (event.eventName) {
    case "PutBucketPolicy":
      return policyGrantees(event, own);
    case "PutBucketAcl":
      return aclGrantees(event);
    case "DeleteBucketPublicAccessBlock":
      return ["anyone a later policy or ACL allows (Block Public Access removed)"];
    case "PutBucketPublicAccessBlock": {
      const off = BPA_FLAGS.filter((f) => stringAt(event.record, `requestParameters.PublicAccessBlockConfiguration.${f}`) === "false");
      return off.length === BPA_FLAGS.length ? ["anyone a later policy or ACL allows (every Block Public Access setting turned off)"] : [];
    }
    default:
      return [];
  }
}

/**
 * An S3 bucket opened beyond the account: a bucket policy with an Allow statement for Principal "*"
 * without conditions (a statement with conditions, e.g. aws:PrincipalOrgID or aws:SourceIp, is taken as
 * restricted) or for an account outside the case; a public ACL (public-read, public-read-write,
 * authenticated-read, or a grant to AllUsers / AuthenticatedUsers); or the bucket's Block Public Access
 * removed or entirely turned off. Service principals are not hits. Refused attempts fire as failed attempts.
 */
export const s3BucketOpenedRule: EventRule = {
  kind: "event",
  id: "s3-bucket-opened",
  title: "S3 bucket opened to the public or another account",
  severity: "high",
  family: "collection",
  description:
    "A bucket policy or ACL now lets everyone, or an account outside the case, read or write the bucket, or the bucket's Block Public Access was removed. Opening a bucket to an attacker's account or to the internet is a one-call exfiltration path.",
  attack: ["T1530", "T1537"],
  evidenceFields: [
    "eventName",
    "requestParameters.bucketName",
    "requestParameters.bucketPolicy.Statement",
    "requestParameters.x-amz-acl",
    "requestParameters.AccessControlPolicy.AccessControlList.Grant",
    "requestParameters.PublicAccessBlockConfiguration",
    "recipientAccountId",
  ],
  needs: { eventNames: ["PutBucketPolicy", "PutBucketAcl", "DeleteBucketPublicAccessBlock", "PutBucketPublicAccessBlock"] },
  match(event, context) {
    if (event.eventSource !== null && event.eventSource !== "s3.amazonaws.com") return null;
    const grantees = openedTo(event, context);
    if (grantees.length === 0) return null;
    const failed = isFailedEvent(event);
    const bucket = clip(stringAt(event.record, "requestParameters.bucketName"), 80);
    return {
      failedAttempt: failed,
      reason: `${clip(event.eventName)} ${failed ? `tried to open (failed: ${clip(event.errorCode)})` : "opened"} bucket ${bucket} to ${listSome(grantees)}.`,
    };
  },
};
