import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { parsePolicyDocument, type PolicyStatement } from "./policy-document";
import { quoteValue } from "./quote-value";

const CHANGES = ["PutBucketLifecycle", "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl"];
/** AWS log-delivery services whose grants are a log bucket's normal policy (CloudTrail, Config, VPC flow logs, S3 access logs). */
const DELIVERY_SERVICES = new Set(["cloudtrail.amazonaws.com", "config.amazonaws.com", "delivery.logs.amazonaws.com", "logging.s3.amazonaws.com"]);

const timeOf = (e: DetectionEvent) => e.eventTime?.getTime() ?? Number.NEGATIVE_INFINITY;
const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());

/**
 * When each bucket became a trail bucket: a CreateTrail / UpdateTrail naming it (request or response), or
 * CloudTrail's own delivery check on it (GetBucketAcl by cloudtrail.amazonaws.com), which also reveals
 * trails created before the evidence starts.
 */
function trailBuckets(events: readonly DetectionEvent[]): Map<string, number> {
  const since = new Map<string, number>();
  const learn = (bucket: string | null, at: number) => {
    if (bucket !== null && bucket !== "" && at < (since.get(bucket) ?? Number.POSITIVE_INFINITY)) since.set(bucket, at);
  };
  for (const e of events) {
    if (isFailedEvent(e)) continue;
    if (e.eventSource === "cloudtrail.amazonaws.com" && (e.eventName === "CreateTrail" || e.eventName === "UpdateTrail")) {
      learn(stringAt(e.record, "requestParameters.s3BucketName"), timeOf(e));
      learn(stringAt(e.record, "responseElements.s3BucketName"), timeOf(e));
    } else if (e.eventName === "GetBucketAcl" && e.identityType === "AWSService" && e.invokedBy === "cloudtrail.amazonaws.com") {
      learn(stringAt(e.record, "requestParameters.bucketName"), timeOf(e));
    }
  }
  return since;
}

/** What a new policy on a trail bucket does beyond granting the log-delivery services, as reason fragments. */
function policyConcerns(statements: readonly PolicyStatement[]): string[] {
  const out: string[] = [];
  const cloudTrailWrites = statements.some(
    (s) =>
      s.effect === "Allow" &&
      s.principals.some((p) => p.kind === "Service" && p.value === "cloudtrail.amazonaws.com") &&
      lower(s.actions).some((a) => a === "s3:putobject" || a === "s3:*" || a === "*"),
  );
  if (!cloudTrailWrites) out.push("CloudTrail is no longer allowed to write its log files");
  for (const s of statements) {
    const toCloudTrail = s.principals.some((p) => p.value === "cloudtrail.amazonaws.com");
    const toEveryone = s.principals.some((p) => p.kind === "*" || p.value === "*");
    if (s.effect === "Deny" && (toCloudTrail || toEveryone) && !s.hasCondition) {
      out.push(`denies ${s.actions.slice(0, 3).map(quoteValue).join(", ") || "NotAction"} to ${toCloudTrail ? "CloudTrail" : "everyone"}`);
    }
    if (s.effect !== "Allow") continue;
    const others = s.principals.filter((p) => !(p.kind === "Service" && DELIVERY_SERVICES.has(p.value)));
    if (others.length > 0 || s.hasNotPrincipal) {
      const who = s.hasNotPrincipal ? "everyone except the NotPrincipal list" : others.slice(0, 3).map((p) => quoteValue(p.value)).join(", ");
      out.push(`grants ${s.actions.slice(0, 3).map(quoteValue).join(", ") || "NotAction"} to ${who}`);
    }
  }
  return out;
}

/** Retention shorter than this (days) on a log bucket is a concern; a year is the usual minimum (e.g. PCI DSS 10.5.1). */
const MIN_RETENTION_DAYS = 365;

/** Enabled lifecycle rules that expire log files within a year (or on a fixed date); transitions and disabled rules are not concerns. */
function lifecycleConcerns(event: DetectionEvent): string[] {
  const rules = valuesAt(event.record, "requestParameters.LifecycleConfiguration.Rule").filter(
    (r): r is Record<string, unknown> => r !== null && typeof r === "object",
  );
  if (rules.length === 0) return ["lifecycle configuration replaced (its rules are not recorded)"];
  const out: string[] = [];
  for (const rule of rules) {
    if (rule.Status !== "Enabled") continue;
    const id = typeof rule.ID === "string" ? ` ${quoteValue(rule.ID)}` : "";
    for (const [path, what] of [
      ["Expiration.Days", "log files"],
      ["NoncurrentVersionExpiration.NoncurrentDays", "overwritten or deleted log file versions"],
    ] as const) {
      const raw = valuesAt(rule, path)[0];
      const days = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
      if (Number.isFinite(days) && days < MIN_RETENTION_DAYS) out.push(`lifecycle rule${id} expires ${what} after ${days} day(s)`);
    }
    const date = valuesAt(rule, "Expiration.Date")[0];
    if (typeof date === "string") out.push(`lifecycle rule${id} expires log files on ${quoteValue(date)}`);
  }
  return out;
}

function concernsOf(event: DetectionEvent): string[] {
  switch (event.eventName) {
    case "PutBucketLifecycle":
      return lifecycleConcerns(event);
    case "DeleteBucketPolicy":
      return ["bucket policy deleted: CloudTrail can no longer write its log files"];
    case "PutBucketAcl": {
      const canned = stringAt(event.record, "requestParameters.x-amz-acl");
      return [canned !== null && canned !== "" ? `ACL replaced with the canned ACL ${quoteValue(canned)}` : "ACL replaced"];
    }
    case "PutBucketPolicy": {
      const statements = parsePolicyDocument(valuesAt(event.record, "requestParameters.bucketPolicy")[0]);
      return statements === null ? ["bucket policy replaced (the new policy is not readable)"] : policyConcerns(statements);
    }
    default:
      return [];
  }
}

/**
 * Lifecycle, policy or ACL changes on a bucket a trail writes to, from the moment it is one: expiring,
 * exposing or cutting off the delivered logs. Not every change fires: a lifecycle rule fires when an
 * enabled rule expires log files within MIN_RETENTION_DAYS or on a date; a bucket policy fires unless it
 * only grants the log-delivery services (the policy every trail bucket needs); a deleted policy and any
 * ACL change always fire.
 */
export const cloudtrailBucketTamperedRule: SequenceRule = {
  kind: "sequence",
  id: "cloudtrail-bucket-tampered",
  title: "CloudTrail log bucket lifecycle, policy or ACL changed",
  severity: "high",
  family: "anti-forensics",
  description:
    "The trail bucket holds the delivered logs. A short lifecycle expiration deletes them on schedule, a new policy or a deleted one can stop CloudTrail " +
    "from writing or let someone else read or delete them, and an ACL change can expose them. Denied or failed attempts fire too and say so.",
  attack: ["T1562.008"],
  evidenceFields: [
    "eventName",
    "requestParameters.bucketName",
    "requestParameters.LifecycleConfiguration.Rule.Expiration.Days",
    "requestParameters.bucketPolicy",
    "requestParameters.x-amz-acl",
    "requestParameters.s3BucketName (CreateTrail/UpdateTrail)",
    "userIdentity.invokedBy (CloudTrail's GetBucketAcl delivery check)",
    "errorCode",
  ],
  needs: { eventNames: ["CreateTrail", "UpdateTrail", "GetBucketAcl", ...CHANGES] },
  evaluate(events) {
    const since = trailBuckets(events);
    const hits: SequenceHit[] = [];
    for (const event of events) {
      if (event.eventSource !== "s3.amazonaws.com" || event.eventName === null || !CHANGES.includes(event.eventName)) continue;
      const bucket = stringAt(event.record, "requestParameters.bucketName");
      const from = bucket === null ? undefined : since.get(bucket);
      if (from === undefined || timeOf(event) < from) continue;
      const concerns = concernsOf(event);
      if (concerns.length === 0) continue;
      const outcome = attemptOutcome(event);
      hits.push({
        eventIds: [event.eventId],
        principal: principalOf(event),
        failedAttempt: outcome.failedAttempt,
        reason: `${event.eventName} on trail bucket ${quoteValue(bucket)}: ${concerns.join("; ")}${outcome.note}`,
      });
    }
    return hits;
  },
};
