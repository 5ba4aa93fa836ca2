/**
 * The part of a record that free text searches beyond the normalised columns: the record's JSON without
 * the top-level fields that already are columns (eventName, sourceIPAddress, errorMessage …), i.e.
 * userIdentity in full, requestParameters, responseElements, additionalEventData, resources,
 * serviceEventDetails, tlsDetails, insightDetails and anything else a record carries. Together with the
 * columns that is the whole raw record. Compact JSON (strings keep their JSON escapes), cut at
 * MAX_SEARCH_TEXT_CHARS without splitting a surrogate pair. Pure; never throws on parsed JSON.
 */
export const MAX_SEARCH_TEXT_CHARS = 16_384;

// Top-level fields stored as columns (compared case-insensitively: lower-cased exports exist).
const COLUMNED = new Set(
  [
    "eventVersion", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
    "errorCode", "errorMessage", "requestID", "eventID", "readOnly", "eventType", "managementEvent",
    "recipientAccountId", "sharedEventID", "vpcEndpointId", "eventCategory",
  ].map((k) => k.toLowerCase()),
);

// Whether a top-level key is a column, remembered per spelling: a trail repeats a few dozen keys, and
// lower-casing each key of each record was a measurable share of an ingest. Bounded, since keys are
// attacker-controlled.
const columnedBySpelling = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 4096;

function isColumned(key: string): boolean {
  let columned = columnedBySpelling.get(key);
  if (columned === undefined) {
    columned = COLUMNED.has(key.toLowerCase());
    if (columnedBySpelling.size < MAX_REMEMBERED_KEYS) columnedBySpelling.set(key, columned);
  }
  return columned;
}

export function recordSearchText(record: Record<string, unknown>): string | null {
  const rest: Record<string, unknown> = {};
  let any = false;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === null || value === undefined || isColumned(key)) continue;
    rest[key] = value;
    any = true;
  }
  if (!any) return null;
  const text = JSON.stringify(rest);
  if (text.length <= MAX_SEARCH_TEXT_CHARS) return text;
  const last = text.charCodeAt(MAX_SEARCH_TEXT_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_SEARCH_TEXT_CHARS - 1 : MAX_SEARCH_TEXT_CHARS);
}
