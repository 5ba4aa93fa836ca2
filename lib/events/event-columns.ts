/**
 * The columns an analyst can show in the events table, as data: id (what `cols=` in the URL lists),
 * header, and the filter field a cell value pivots on. Time is always shown first. Pure: shared by the
 * page (URL parsing), the table (client) and find-events (which selects every one of them).
 */
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";

export const EVENT_COLUMNS = [
  { id: "eventName", header: "Event", field: "eventName" },
  { id: "eventSource", header: "Source", field: "eventSource" },
  { id: "principal", header: "Principal", field: "userIdentity.arn" },
  { id: "userName", header: "User name", field: "userIdentity.userName" },
  { id: "identityType", header: "Identity type", field: "userIdentity.type" },
  { id: "accessKeyId", header: "Access key", field: "userIdentity.accessKeyId" },
  { id: "sessionIssuer", header: "Role (session issuer)", field: "sessionIssuer" },
  { id: "sourceIPAddress", header: "Source IP", field: "sourceIPAddress" },
  { id: "where", header: "Where", field: "country" },
  { id: "tool", header: "Tool", field: "tool" },
  { id: "userAgent", header: "User agent", field: "userAgent" },
  { id: "awsRegion", header: "Region", field: "awsRegion" },
  { id: "recipientAccountId", header: "Account", field: "recipientAccountId" },
  { id: "errorCode", header: "Error", field: "errorCode" },
  { id: "readOnly", header: "Read-only", field: "readOnly" },
  { id: "eventCategory", header: "Category", field: "eventCategory" },
] as const satisfies readonly { id: string; header: string; field: FilterFieldName }[];

export type EventColumnId = (typeof EVENT_COLUMNS)[number]["id"];

export const DEFAULT_EVENT_COLUMNS: readonly EventColumnId[] = [
  "eventName",
  "eventSource",
  "principal",
  "accessKeyId",
  "sourceIPAddress",
  "where",
  "awsRegion",
  "errorCode",
];

const IDS = new Set<string>(EVENT_COLUMNS.map((c) => c.id));

/**
 * `cols=` from the URL: known ids in the catalogue's order, each once; unknown ids are dropped. Absent or
 * empty (after dropping) means the default set, so a hand-edited URL never yields a table with no columns.
 */
export function parseEventColumns(raw: string | undefined): EventColumnId[] {
  if (!raw) return [...DEFAULT_EVENT_COLUMNS];
  const wanted = new Set(raw.split(",").map((s) => s.trim()).filter((s) => IDS.has(s)));
  const cols = EVENT_COLUMNS.filter((c) => wanted.has(c.id)).map((c) => c.id);
  return cols.length ? cols : [...DEFAULT_EVENT_COLUMNS];
}

/** The `cols=` value for a column set, or undefined for the default set (kept out of URLs). */
export function formatEventColumns(cols: readonly EventColumnId[]): string | undefined {
  const normal = parseEventColumns(cols.join(","));
  const isDefault = normal.length === DEFAULT_EVENT_COLUMNS.length && normal.every((c, i) => c === DEFAULT_EVENT_COLUMNS[i]);
  return isDefault ? undefined : normal.join(",");
}
