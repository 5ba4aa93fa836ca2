import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { decodeEventCursor, encodeEventCursor } from "@/lib/events/event-cursor";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { filterToSql } from "@/lib/events/filter/filter-to-sql";

export type EventListRow = {
  eventId: string;
  eventTime: Date;
  eventName: string | null;
  eventSource: string | null;
  identityType: string | null;
  principalArn: string | null;
  userName: string | null;
  accessKeyId: string | null;
  sourceIpAddress: string | null;
  awsRegion: string | null;
  errorCode: string | null;
  readOnly: boolean | null;
  userAgent: string | null;
  sessionIssuerArn: string | null;
  recipientAccountId: string | null;
  eventCategory: string | null;
};

export type EventPage = {
  rows: EventListRow[];
  /** Cursor for the next page towards older events, or null at the oldest. */
  older: string | null;
  /** Cursor for the previous page towards newer events, or null at the newest. */
  newer: string | null;
};

const COLUMNS = `event_id AS "eventId", event_time AS "eventTime", event_name AS "eventName",
  event_source AS "eventSource", identity_type AS "identityType", principal_arn AS "principalArn",
  user_name AS "userName", access_key_id AS "accessKeyId", source_ip_address AS "sourceIpAddress",
  aws_region AS "awsRegion", error_code AS "errorCode", read_only AS "readOnly", user_agent AS "userAgent",
  session_issuer_arn AS "sessionIssuerArn", recipient_account_id AS "recipientAccountId", event_category AS "eventCategory"`;

/**
 * One page of the case's dated events, newest first, by keyset on (event_time, event_id): the index
 * events(case_id, event_time DESC) serves every page in constant time, however deep (ties on event_time
 * are put in event_id order by an incremental sort).
 * `before` pages towards older events, `after` towards newer ones.
 */
export async function findEvents(
  scope: CaseScope,
  opts: { before?: string; after?: string; limit?: number; filter?: FilterAst } = {},
): Promise<EventPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const towardsNewer = opts.after !== undefined;
  const cursor = towardsNewer ? decodeEventCursor(opts.after!) : opts.before ? decodeEventCursor(opts.before) : null;
  const params: unknown[] = [scope.caseId, limit + 1];
  let keyset = "";
  if (cursor) {
    params.push(cursor.eventTime, cursor.eventId);
    keyset = towardsNewer ? "AND (event_time, event_id) > ($3, $4)" : "AND (event_time, event_id) < ($3, $4)";
  }
  const order = towardsNewer ? "ASC" : "DESC";
  // The filter is parameterized SQL over this table's columns only (lib/events/filter/filter-to-sql.ts).
  const where = opts.filter ? filterToSql(opts.filter, params.length + 1) : { sql: "TRUE", values: [] };
  params.push(...where.values);
  const { rows } = await getPool().query<EventListRow>(
    `SELECT ${COLUMNS} FROM events
      WHERE case_id = $1 AND event_time IS NOT NULL ${keyset} AND (${where.sql})
      ORDER BY event_time ${order}, event_id ${order} LIMIT $2`,
    params,
  );
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (towardsNewer) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const olderExists = towardsNewer ? true : hasMore;
  const newerExists = towardsNewer ? hasMore : cursor !== null;
  return {
    rows: page,
    older: olderExists && last ? encodeEventCursor(last) : null,
    newer: newerExists && first ? encodeEventCursor(first) : null,
  };
}

/**
 * The page that holds one event in context: up to `limit / 4` matching events newer than it, then it
 * (when it matches the filter) and older ones, with cursors both ways, so a pivot opened from an event
 * shows that event highlighted among its neighbours instead of on whatever page it falls.
 */
export async function findEventsAround(
  scope: CaseScope,
  anchor: { eventTime: Date; eventId: string },
  opts: { limit?: number; filter?: FilterAst } = {},
): Promise<EventPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 2), 500);
  const newerWanted = Math.floor(limit / 4);
  const run = async (direction: "newer" | "older", take: number) => {
    const params: unknown[] = [scope.caseId, take + 1, anchor.eventTime, anchor.eventId];
    const where = opts.filter ? filterToSql(opts.filter, params.length + 1) : { sql: "TRUE", values: [] };
    params.push(...where.values);
    const [cmp, order] = direction === "newer" ? [">", "ASC"] : ["<=", "DESC"];
    const { rows } = await getPool().query<EventListRow>(
      `SELECT ${COLUMNS} FROM events
        WHERE case_id = $1 AND event_time IS NOT NULL AND (event_time, event_id) ${cmp} ($3, $4) AND (${where.sql})
        ORDER BY event_time ${order}, event_id ${order} LIMIT $2`,
      params,
    );
    return { rows: rows.slice(0, take), more: rows.length > take };
  };
  const newer = await run("newer", newerWanted);
  const older = await run("older", limit - newer.rows.length);
  const rows = [...newer.rows.reverse(), ...older.rows];
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    older: older.more && last ? encodeEventCursor(last) : null,
    newer: newer.more && first ? encodeEventCursor(first) : null,
  };
}
