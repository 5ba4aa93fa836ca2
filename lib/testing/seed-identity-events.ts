// Hand-built events for identity tests: rows go straight into `events` (no evidence file behind them;
// the table has no foreign keys, see migration 20261121020000), so a test states exactly the fields it
// asserts on. Values are parameters, as everywhere.
import { randomUUID } from "node:crypto";
import type { EventRow } from "@/lib/cloudtrail/event-row";
import { getPool } from "@/lib/db/client";
import { EVENT_ROW_COLUMNS } from "@/lib/ingest/event-columns";

export type SeedEvent = Partial<Omit<EventRow, "eventTime">> & { eventTime: Date | string | null };

const EMPTY: Omit<EventRow, "eventId" | "eventTime"> = {
  eventVersion: "1.08",
  eventSource: null,
  eventName: null,
  awsRegion: null,
  sourceIpAddress: null,
  userAgent: null,
  identityType: null,
  principalArn: null,
  principalId: null,
  principalAccountId: null,
  userName: null,
  accessKeyId: null,
  sessionIssuerArn: null,
  sessionName: null,
  sourceIdentity: null,
  invokedBy: null,
  mfaAuthenticated: null,
  recipientAccountId: null,
  errorCode: null,
  errorMessage: null,
  readOnly: null,
  eventType: "AwsApiCall",
  eventCategory: "Management",
  managementEvent: true,
  requestId: null,
  sharedEventId: null,
  vpcEndpointId: null,
  issuedAccessKeyId: null,
  resources: [],
  flags: [],
};

/** Inserts the events into the case (random eventIDs unless given) and keeps the case's event count. */
export async function seedIdentityEvents(caseId: string, events: SeedEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const evidenceFileId = randomUUID();
  const columns = ["case_id", "evidence_file_id", "position", ...EVENT_ROW_COLUMNS.map(([, column]) => column)];
  const values: unknown[] = [];
  const ids: string[] = [];
  const tuples = events.map((e, i) => {
    const row: EventRow = { ...EMPTY, ...e, eventId: e.eventId ?? randomUUID(), eventTime: e.eventTime === null ? null : new Date(e.eventTime) };
    ids.push(row.eventId);
    const rowValues = [caseId, evidenceFileId, i, ...EVENT_ROW_COLUMNS.map(([field]) => row[field])];
    const start = values.length;
    values.push(...rowValues);
    return `(${rowValues.map((_, j) => `$${start + j + 1}`).join(", ")})`;
  });
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`INSERT INTO events (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, values);
    await client.query("UPDATE cases SET event_count = event_count + $2 WHERE id = $1", [caseId, events.length]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
  return ids;
}
