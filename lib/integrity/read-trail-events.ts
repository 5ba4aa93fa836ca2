import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { readRawRecords } from "@/lib/events/read-raw-records";

/**
 * The CloudTrail calls that change what a trail records (issue #7 "trail configuration changes"), and
 * StopLogging / StartLogging, in the order calls made in the same second are put: eventTime has one-second
 * resolution, so creation, configuration, start, stop, deletion — a start and a stop in the same second
 * leave logging off, the cautious reading.
 */
export const TRAIL_EVENT_NAMES = ["CreateTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors", "StartLogging", "StopLogging", "DeleteTrail"] as const;

/** At most this many trail calls are read (oldest first); `total` still counts them all. */
export const TRAIL_EVENTS_READ_LIMIT = 5_000;

export type TrailEvent = {
  eventId: string;
  eventName: string;
  eventTime: Date | null;
  awsRegion: string | null;
  recipientAccountId: string | null;
  actor: string;
  sourceIp: string | null;
  errorCode: string | null;
  succeeded: boolean;
  /** requestParameters of the record (undefined when the record had none or it could not be read). */
  requestParameters: unknown;
};

type Row = {
  eventId: string;
  eventName: string;
  eventTime: Date | null;
  awsRegion: string | null;
  recipientAccountId: string | null;
  actor: string;
  sourceIp: string | null;
  errorCode: string | null;
  searchText: string | null;
  total: number;
};

/**
 * The case's calls of TRAIL_EVENT_NAMES on cloudtrail.amazonaws.com, oldest first (undated last; within a
 * second in TRAIL_EVENT_NAMES order, then by eventID), with
 * their requestParameters read from `search_text` (the record minus its column fields, kept at ingest);
 * a record whose search text was cut at 16 KB is re-read from its evidence file. A failed call is one
 * with an errorCode other than "" or "Success", as the detections define it.
 *
 * Cost: `events` has no index on event names, so this reads the case's events once (a parallel
 * sequential scan, about a second per million events); the rows it returns are few.
 */
export async function readTrailEvents(scope: CaseScope): Promise<{ events: TrailEvent[]; total: number }> {
  const { rows } = await getPool().query<Row>(
    `SELECT event_id AS "eventId", event_name AS "eventName", event_time AS "eventTime", aws_region AS "awsRegion",
            recipient_account_id AS "recipientAccountId", coalesce(principal_arn, invoked_by, user_name, '') AS actor,
            source_ip_address AS "sourceIp", error_code AS "errorCode", search_text AS "searchText", count(*) OVER ()::int AS total
       FROM events
      WHERE case_id = $1 AND event_source = 'cloudtrail.amazonaws.com' AND event_name = ANY($2::text[])
      ORDER BY event_time ASC NULLS LAST, array_position($2::text[], event_name), event_id COLLATE "C"
      LIMIT $3`,
    [scope.caseId, [...TRAIL_EVENT_NAMES], TRAIL_EVENTS_READ_LIMIT],
  );
  const parsed = new Map<string, unknown>();
  const cut: string[] = [];
  for (const row of rows) {
    if (row.searchText === null) continue;
    try {
      parsed.set(row.eventId, (JSON.parse(row.searchText) as Record<string, unknown>).requestParameters);
    } catch {
      cut.push(row.eventId);
    }
  }
  if (cut.length > 0) {
    const raw = await readRawRecords(scope, cut);
    for (const id of cut) {
      const found = raw.get(id);
      if (found?.ok) parsed.set(id, found.record.requestParameters);
    }
  }
  const events = rows.map(({ searchText: _searchText, total: _total, errorCode, ...row }) => ({
    ...row,
    errorCode,
    succeeded: errorCode === null || errorCode === "" || errorCode === "Success",
    requestParameters: parsed.get(row.eventId),
  }));
  return { events, total: rows[0]?.total ?? 0 };
}
