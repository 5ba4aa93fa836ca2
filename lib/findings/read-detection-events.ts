import type { PoolClient } from "pg";
import type { DetectionEvent } from "@/lib/detections/detection-event";
import { MAX_SEARCH_TEXT_CHARS } from "@/lib/cloudtrail/record-search-text";
import { unsafeReadCaseRawRecords } from "@/lib/events/read-raw-records";

/** Columns read per event, in CloudTrail's own top-level names where the record has them. */
const SELECT = `
  events.event_id AS "eventId", events.event_time AS "eventTime", events.event_version AS "eventVersion", events.event_source AS "eventSource",
  events.event_name AS "eventName", events.aws_region AS "awsRegion", events.source_ip_address AS "sourceIpAddress", events.user_agent AS "userAgent",
  events.identity_type AS "identityType", events.principal_arn AS "principalArn", events.principal_id AS "principalId",
  events.principal_account_id AS "principalAccountId", events.user_name AS "userName", events.access_key_id AS "accessKeyId",
  events.session_issuer_arn AS "sessionIssuerArn", events.session_name AS "sessionName", events.invoked_by AS "invokedBy",
  events.mfa_authenticated AS "mfaAuthenticated", events.recipient_account_id AS "recipientAccountId", events.error_code AS "errorCode",
  events.error_message AS "errorMessage", events.read_only AS "readOnly", events.event_type AS "eventType", events.event_category AS "eventCategory",
  events.management_event AS "managementEvent", events.request_id AS "requestId", events.shared_event_id AS "sharedEventId",
  events.vpc_endpoint_id AS "vpcEndpointId", events.issued_access_key_id AS "issuedAccessKeyId", events.source_kind AS "sourceKind",
  events.source_country AS "sourceCountry", events.source_asn AS "sourceAsn", events.tool, events.search_text AS "searchText",
  coalesce(d.kinds, '{}') AS deviations`;

type Row = Omit<DetectionEvent, "record" | "deviations"> & {
  eventVersion: string | null;
  managementEvent: boolean | null;
  requestId: string | null;
  sharedEventId: string | null;
  vpcEndpointId: string | null;
  searchText: string | null;
  deviations: string[];
};

export const DETECTION_BATCH = 2_000;

/**
 * The case's events matching `where` (over `events`, the case as $1), oldest first (undated last; within
 * each `groupBy` value when given), as
 * DetectionEvents, in batches through a cursor on `client` (which must be inside a transaction). The
 * record is rebuilt from the columns plus `search_text` (the record minus its column fields); a record
 * whose search text was cut at ingest (very large requestParameters) is re-read from its evidence file.
 */
export async function* readDetectionEvents(
  client: PoolClient,
  caseId: string,
  where: { sql: string; values: unknown[] },
  /** An SQL expression over `events` to group by first (e.g. the principal), then oldest first within it. */
  groupBy?: string,
): AsyncGenerator<DetectionEvent[]> {
  const cursor = `detect_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT ${SELECT}
         FROM events LEFT JOIN event_deviations d ON d.case_id = events.case_id AND d.event_id = events.event_id
        WHERE events.case_id = $1 AND ${where.sql}
        ORDER BY ${groupBy ? `${groupBy}, ` : ""}events.event_time ASC NULLS LAST, events.event_id ASC`,
    [caseId, ...where.values],
  );
  try {
    for (;;) {
      const { rows } = await client.query<Row>(`FETCH ${DETECTION_BATCH} FROM ${cursor}`);
      if (rows.length === 0) break;
      const events = rows.map(toDetectionEvent);
      const cut = events.filter((e) => CUT_EVENTS.has(e));
      if (cut.length > 0) {
        const raw = await unsafeReadCaseRawRecords(caseId, cut.map((e) => e.eventId));
        for (const e of cut) {
          const found = raw.get(e.eventId);
          (e as { record: DetectionEvent["record"] }).record = found?.ok ? found.record : columnsRecord(e as unknown as Row);
        }
      }
      yield events;
    }
  } finally {
    await client.query(`CLOSE ${cursor}`).catch(() => undefined);
  }
}

const CUT: Readonly<Record<string, unknown>> = Object.freeze({});
/** Events whose record must be re-read from the evidence (checked without touching the lazy records). */
const CUT_EVENTS = new WeakSet<DetectionEvent>();

function toDetectionEvent(row: Row): DetectionEvent {
  const { eventVersion: _v, managementEvent: _m, requestId: _r, sharedEventId: _s, vpcEndpointId: _p, searchText: _t, ...columns } = row;
  const event = { ...columns, deviations: row.deviations } as unknown as DetectionEvent;
  if (row.searchText !== null && row.searchText.length >= MAX_SEARCH_TEXT_CHARS) {
    // Cut at ingest: the batch re-reads the verbatim record from its evidence file.
    (event as { record: DetectionEvent["record"] }).record = CUT;
    CUT_EVENTS.add(event);
    return event;
  }
  // Parsed on first use: most events reach only rules that read columns (bursts, sequences).
  let record: Readonly<Record<string, unknown>> | undefined;
  Object.defineProperty(event, "record", {
    enumerable: true,
    configurable: true,
    get() {
      if (record === undefined) {
        record = columnsRecord(row);
        if (row.searchText !== null) {
          try {
            record = { ...(JSON.parse(row.searchText) as Record<string, unknown>), ...record };
          } catch {
            // Not JSON (should not happen below the cut length): the columns alone.
          }
        }
      }
      return record;
    },
    set(value: Readonly<Record<string, unknown>>) {
      record = value;
    },
  });
  return event;
}

/** The record's top-level fields that the events table keeps as columns, under CloudTrail's names. */
function columnsRecord(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    if (value !== null && value !== undefined) out[name] = value;
  };
  put("eventVersion", row.eventVersion);
  put("eventTime", row.eventTime?.toISOString().replace(/\.000Z$/, "Z"));
  put("eventSource", row.eventSource);
  put("eventName", row.eventName);
  put("awsRegion", row.awsRegion);
  put("sourceIPAddress", row.sourceIpAddress);
  put("userAgent", row.userAgent);
  put("errorCode", row.errorCode);
  put("errorMessage", row.errorMessage);
  put("requestID", row.requestId);
  put("eventID", row.eventId);
  put("readOnly", row.readOnly);
  put("eventType", row.eventType);
  put("managementEvent", row.managementEvent);
  put("recipientAccountId", row.recipientAccountId);
  put("sharedEventID", row.sharedEventId);
  put("vpcEndpointId", row.vpcEndpointId);
  put("eventCategory", row.eventCategory);
  return out;
}
