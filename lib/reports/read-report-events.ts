import { getPool } from "@/lib/db/client";
import type { ReportEvent } from "@/lib/reports/report-types";

export type ReportEventRow = ReportEvent & { sourceCountry: string | null; sourceAsn: number | null; sourceAsOrg: string | null };

/** The case's events with these ids, oldest first (undated last). Ids of other cases are not found. */
export async function readReportEvents(caseId: string, eventIds: readonly string[]): Promise<ReportEventRow[]> {
  if (eventIds.length === 0) return [];
  const { rows } = await getPool().query<Omit<ReportEventRow, "eventTime"> & { eventTime: Date | null }>(
    `SELECT event_id AS "eventId", event_time AS "eventTime", event_name AS "eventName", event_source AS "eventSource",
            coalesce(principal_arn, invoked_by, user_name) AS principal, access_key_id AS "accessKeyId",
            source_ip_address AS "sourceIpAddress", user_agent AS "userAgent", aws_region AS "awsRegion", error_code AS "errorCode",
            resources, source_country AS "sourceCountry", source_asn AS "sourceAsn", source_as_org AS "sourceAsOrg"
       FROM events WHERE case_id = $1 AND event_id = ANY($2::text[])
      ORDER BY event_time ASC NULLS LAST, event_id`,
    [caseId, [...eventIds]],
  );
  return rows.map((r) => ({ ...r, eventTime: r.eventTime?.toISOString() ?? null }));
}

/** A ReportEvent without the context columns. */
export function toReportEvent(row: ReportEventRow): ReportEvent {
  const { sourceCountry: _c, sourceAsn: _a, sourceAsOrg: _o, ...event } = row;
  return event;
}
