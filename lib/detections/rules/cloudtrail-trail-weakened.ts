import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";
import { trailKey } from "./trail-key";

const isOff = (value: unknown) => value === false || value === "false";

function firstString(event: DetectionEvent, path: string): string | null {
  return valuesAt(event.record, path).find((v): v is string => typeof v === "string") ?? null;
}

/** The weakening changes an UpdateTrail request asks for, as reason fragments. */
function weakeningsOf(event: DetectionEvent, knownBucket: string | undefined): string[] {
  const out: string[] = [];
  const bucket = firstString(event, "requestParameters.s3BucketName");
  if (bucket !== null && bucket !== "" && bucket !== knownBucket) {
    out.push(
      knownBucket === undefined
        ? `log destination set to bucket ${quoteValue(bucket)} (the trail's earlier bucket is not in the evidence)`
        : `log destination moved from bucket ${quoteValue(knownBucket)} to ${quoteValue(bucket)}`,
    );
  }
  const params = valuesAt(event.record, "requestParameters")[0];
  const p = params !== null && typeof params === "object" ? (params as Record<string, unknown>) : {};
  if (isOff(p.isMultiRegionTrail)) out.push(`multi-region logging turned off (only ${quoteValue(event.awsRegion)} stays recorded)`);
  if (isOff(p.enableLogFileValidation)) out.push("log file validation turned off (later edits to delivered log files go unnoticed)");
  if (isOff(p.includeGlobalServiceEvents)) out.push("global service events (IAM, STS, CloudFront) no longer logged");
  if (p.cloudWatchLogsLogGroupArn === "") out.push("delivery to CloudWatch Logs removed");
  return out;
}

/**
 * UpdateTrail that weakens a trail: destination bucket changed, multi-region off, log-file validation off,
 * global service events off, CloudWatch Logs delivery removed. Stateful only to know a trail's current bucket
 * (from CreateTrail / earlier UpdateTrail in the evidence), so re-sending the same bucket is not a "change";
 * when the earlier bucket is unknown, any bucket in the request counts and the reason says so.
 */
export const cloudtrailTrailWeakenedRule: SequenceRule = {
  kind: "sequence",
  id: "cloudtrail-trail-weakened",
  title: "CloudTrail trail weakened",
  severity: "high",
  family: "anti-forensics",
  description:
    "An UpdateTrail that moves the log destination (possibly to a bucket the attacker controls), narrows the trail to one region, drops global service events " +
    "or turns off log-file validation keeps the trail looking healthy while evidence goes elsewhere or stops being tamper-evident. " +
    "Denied or failed attempts fire too and say so.",
  attack: ["T1562.008"],
  evidenceFields: [
    "eventName",
    "requestParameters.name",
    "requestParameters.s3BucketName",
    "requestParameters.isMultiRegionTrail",
    "requestParameters.enableLogFileValidation",
    "requestParameters.includeGlobalServiceEvents",
    "requestParameters.cloudWatchLogsLogGroupArn",
    "responseElements.s3BucketName",
    "errorCode",
  ],
  needs: { eventNames: ["CreateTrail", "UpdateTrail"] },
  evaluate(events) {
    const buckets = new Map<string, string>();
    const hits: SequenceHit[] = [];
    for (const event of events) {
      if (event.eventSource !== "cloudtrail.amazonaws.com") continue;
      const name = stringAt(event.record, "requestParameters.name");
      const key = trailKey(name, event.recipientAccountId);
      if (event.eventName === "UpdateTrail") {
        const outcome = attemptOutcome(event);
        const changes = weakeningsOf(event, key === null ? undefined : buckets.get(key));
        const unrecorded = outcome.failedAttempt && valuesAt(event.record, "requestParameters").every((v) => v === null);
        if (changes.length > 0 || unrecorded) {
          const what = changes.length > 0 ? changes.join("; ") : "requested changes not recorded";
          hits.push({
            eventIds: [event.eventId],
            principal: principalOf(event),
            failedAttempt: outcome.failedAttempt,
            reason: `UpdateTrail on trail ${quoteValue(name)}: ${what}${outcome.note}`,
          });
        }
      }
      if (event.eventName !== "CreateTrail" && event.eventName !== "UpdateTrail") continue;
      if (key === null || isFailedEvent(event)) continue;
      const bucket = firstString(event, "responseElements.s3BucketName") ?? firstString(event, "requestParameters.s3BucketName");
      if (bucket !== null && bucket !== "") buckets.set(key, bucket);
    }
    return hits;
  },
};
