/**
 * What a detection rule sees of one event: the normalised columns (lib/cloudtrail/event-row.ts), the
 * context resolved at ingest and the baseline deviations (issue #10), and the whole CloudTrail record
 * for nested fields (requestParameters, responseElements, additionalEventData …). Pure data. Every
 * string is attacker-controlled CloudTrail content.
 */
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { normalizeEvent } from "@/lib/cloudtrail/normalize-event";

export type DetectionEvent = Pick<
  EventRow,
  | "eventId"
  | "eventTime"
  | "eventSource"
  | "eventName"
  | "awsRegion"
  | "sourceIpAddress"
  | "userAgent"
  | "identityType"
  | "principalArn"
  | "principalId"
  | "principalAccountId"
  | "userName"
  | "accessKeyId"
  | "sessionIssuerArn"
  | "sessionName"
  | "invokedBy"
  | "mfaAuthenticated"
  | "recipientAccountId"
  | "errorCode"
  | "errorMessage"
  | "readOnly"
  | "eventType"
  | "eventCategory"
  | "issuedAccessKeyId"
> & {
  /** Source IP kind resolved at ingest: public, private, aws, aws-service, other-service, invalid, none (null if not resolved). */
  sourceKind: string | null;
  sourceCountry: string | null;
  sourceAsn: number | null;
  /** Tool family parsed from the user agent (console, aws-cli, boto3, terraform, …). */
  tool: string | null;
  /** Baseline deviation kinds of this event (lib/baselines/deviation-kinds.ts): country, asn, ip, tool, region, service, hour, console-to-cli. */
  deviations: readonly string[];
  /** The whole CloudTrail record as parsed JSON. */
  record: Readonly<Record<string, unknown>>;
};

/**
 * A DetectionEvent from a raw CloudTrail record, normalised by the ingest's own normaliser; context and
 * deviations as given (tests and the CLI use this; the detection run builds events from the database).
 */
export function detectionEventFromRecord(
  record: Record<string, unknown>,
  extra: Partial<Pick<DetectionEvent, "sourceKind" | "sourceCountry" | "sourceAsn" | "tool" | "deviations">> = {},
): DetectionEvent {
  const row = normalizeEvent(record);
  return {
    eventId: row.eventId,
    eventTime: row.eventTime,
    eventSource: row.eventSource,
    eventName: row.eventName,
    awsRegion: row.awsRegion,
    sourceIpAddress: row.sourceIpAddress,
    userAgent: row.userAgent,
    identityType: row.identityType,
    principalArn: row.principalArn,
    principalId: row.principalId,
    principalAccountId: row.principalAccountId,
    userName: row.userName,
    accessKeyId: row.accessKeyId,
    sessionIssuerArn: row.sessionIssuerArn,
    sessionName: row.sessionName,
    invokedBy: row.invokedBy,
    mfaAuthenticated: row.mfaAuthenticated,
    recipientAccountId: row.recipientAccountId,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    readOnly: row.readOnly,
    eventType: row.eventType,
    eventCategory: row.eventCategory,
    issuedAccessKeyId: row.issuedAccessKeyId,
    sourceKind: extra.sourceKind ?? null,
    sourceCountry: extra.sourceCountry ?? null,
    sourceAsn: extra.sourceAsn ?? null,
    tool: extra.tool ?? null,
    deviations: extra.deviations ?? [],
    record,
  };
}

/** The value at a dotted path of the record (`requestParameters.bucketName`); arrays on the path yield every element's value. */
export function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const step of path.split(".")) {
    const next: unknown[] = [];
    for (const value of current) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && typeof item === "object" && !Array.isArray(item) && Object.hasOwn(item, step)) next.push((item as Record<string, unknown>)[step]);
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** The first string (or stringified scalar) at a dotted path, else null. */
export function stringAt(record: unknown, path: string): string | null {
  for (const v of valuesAt(record, path)) {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return null;
}
