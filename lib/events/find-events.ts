import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { decodeEventCursor, encodeEventCursor } from "@/lib/events/event-cursor";
import type { FilterAst } from "@/lib/events/filter/filter-ast";
import { filterToSql, guardedInetSql } from "@/lib/events/filter/filter-to-sql";

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
  sourceKind: string | null;
  sourceCountry: string | null;
  sourceAsn: number | null;
  tool: string | null;
  toolVersion: string | null;
  /**
   * Whether the call came from the case's trusted places (a trusted network or an expected country);
   * null when the case lists none, or for calls made by AWS services (no place to judge).
   */
  trusted: boolean | null;
  /** Kinds of deviation from the identity's baseline (lib/baselines), or null when none. */
  deviations: string[] | null;
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
  session_issuer_arn AS "sessionIssuerArn", recipient_account_id AS "recipientAccountId", event_category AS "eventCategory",
  source_kind AS "sourceKind", source_country AS "sourceCountry", source_asn AS "sourceAsn", tool, tool_version AS "toolVersion",
  CASE WHEN cardinality(places.trusted_networks) = 0 AND cardinality(places.expected_countries) = 0 THEN NULL
       WHEN source_kind IN ('aws-service', 'other-service') THEN NULL
       ELSE coalesce(${guardedInetSql("source_ip_address")} <<= ANY(places.trusted_networks::cidr[]), false)
            OR coalesce(source_country = ANY(places.expected_countries), false) END AS "trusted",
  (SELECT d.kinds FROM event_deviations d WHERE d.case_id = events.case_id AND d.event_id = events.event_id) AS "deviations"`;

/** The case's trusted places, joined once per query (`$1` is the case id). */
const FROM = `events CROSS JOIN (SELECT trusted_networks, expected_countries FROM cases WHERE id = $1) AS places`;

export type EventOrder = "desc" | "asc";

/**
 * Up to `take` matching dated events in keyset order from an optional (event_time, event_id) bound,
 * ascending or descending, and whether more follow. The one query behind every events page.
 */
async function queryKeyset(
  scope: CaseScope,
  opts: { bound: { cmp: ">" | ">=" | "<" | "<="; eventTime: Date; eventId: string } | null; ascending: boolean; take: number; filter: FilterAst | undefined },
): Promise<{ rows: EventListRow[]; more: boolean }> {
  const params: unknown[] = [scope.caseId, opts.take + 1];
  let keyset = "";
  if (opts.bound) {
    params.push(opts.bound.eventTime, opts.bound.eventId);
    keyset = `AND (event_time, event_id) ${opts.bound.cmp} ($3, $4)`;
  }
  const order = opts.ascending ? "ASC" : "DESC";
  // The filter is parameterized SQL over this table's columns only (lib/events/filter/filter-to-sql.ts).
  const where = opts.filter ? filterToSql(opts.filter, params.length + 1) : { sql: "TRUE", values: [] };
  params.push(...where.values);
  const { rows } = await getPool().query<EventListRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE case_id = $1 AND event_time IS NOT NULL ${keyset} AND (${where.sql})
      ORDER BY event_time ${order}, event_id ${order} LIMIT $2`,
    params,
  );
  return { rows: rows.slice(0, opts.take), more: rows.length > opts.take };
}

/**
 * One page of the case's dated events, newest first (`order` "desc", the default) or oldest first
 * ("asc"), by keyset on (event_time, event_id): the index events(case_id, event_time DESC) serves every
 * page in constant time, however deep, in either direction (ties on event_time are put in event_id
 * order by an incremental sort). `before` pages towards older events, `after` towards newer ones,
 * whatever the display order; the rows come back in display order.
 */
export async function findEvents(
  scope: CaseScope,
  opts: { before?: string; after?: string; limit?: number; filter?: FilterAst; order?: EventOrder } = {},
): Promise<EventPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const display = opts.order ?? "desc";
  const cursor = opts.after !== undefined ? decodeEventCursor(opts.after) : opts.before ? decodeEventCursor(opts.before) : null;
  // Without a cursor the first page starts at the display order's beginning (newest, or oldest).
  const towardsNewer = opts.after !== undefined || (cursor === null && display === "asc");
  const { rows: page, more: hasMore } = await queryKeyset(scope, {
    bound: cursor ? { cmp: towardsNewer ? ">" : "<", ...cursor } : null,
    ascending: towardsNewer,
    take: limit,
    filter: opts.filter,
  });
  // `page` is in query order: ascending when towardsNewer.
  const newest = towardsNewer ? page[page.length - 1] : page[0];
  const oldest = towardsNewer ? page[0] : page[page.length - 1];
  const olderExists = towardsNewer ? cursor !== null : hasMore;
  const newerExists = towardsNewer ? hasMore : cursor !== null;
  if ((display === "asc") !== towardsNewer) page.reverse();
  return {
    rows: page,
    older: olderExists && oldest ? encodeEventCursor(oldest) : null,
    newer: newerExists && newest ? encodeEventCursor(newest) : null,
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
  opts: { limit?: number; filter?: FilterAst; order?: EventOrder } = {},
): Promise<EventPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 2), 500);
  const display = opts.order ?? "desc";
  // A quarter page above the event (newer ones when newest first, older ones when oldest first).
  const aboveWanted = Math.floor(limit / 4);
  const run = (direction: "newer" | "older", take: number) => {
    // The event itself belongs to the part below it.
    const below = (direction === "older") === (display === "desc");
    const cmp = direction === "newer" ? (below ? ">=" : ">") : below ? "<=" : "<";
    return queryKeyset(scope, { bound: { cmp, ...anchor }, ascending: direction === "newer", take, filter: opts.filter });
  };
  const [aboveSide, belowSide] = display === "desc" ? (["newer", "older"] as const) : (["older", "newer"] as const);
  const above = await run(aboveSide, aboveWanted);
  const below = await run(belowSide, limit - above.rows.length);
  const rows = [...above.rows.reverse(), ...below.rows];
  const newer = display === "desc" ? above : below;
  const older = display === "desc" ? below : above;
  const newest = display === "desc" ? rows[0] : rows[rows.length - 1];
  const oldest = display === "desc" ? rows[rows.length - 1] : rows[0];
  return {
    rows,
    older: older.more && oldest ? encodeEventCursor(oldest) : null,
    newer: newer.more && newest ? encodeEventCursor(newest) : null,
  };
}
