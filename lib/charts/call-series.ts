/**
 * The four exclusive series every chart of a case splits calls into (timeline, dashboard): a call that
 * was refused is "denied" whatever its readOnly flag; any other call is mutating (readOnly false),
 * read-only (readOnly true) or "not recorded" (CloudTrail gave no readOnly, e.g. ConsoleLogin, many
 * data and Insights events). Pure: the SQL side is lib/rollups/call-series-sql.ts, and each series' filter
 * terms here give exactly the events its counts were taken from.
 */
export const CALL_SERIES = ["mutating", "readOnly", "denied", "unrecorded"] as const;
export type CallSeries = (typeof CALL_SERIES)[number];

export type CallSeriesCounts = Record<CallSeries, number>;

export const CALL_SERIES_INFO: Record<CallSeries, { label: string; colour: string; terms: string }> = {
  mutating: { label: "Mutating", colour: "#1f5fbf", terms: "readOnly:false -denied:true" },
  readOnly: { label: "Read-only", colour: "#98b4dc", terms: "readOnly:true -denied:true" },
  denied: { label: "Denied", colour: "#c4320a", terms: "denied:true" },
  unrecorded: { label: "readOnly not recorded", colour: "#b0b7c3", terms: "-has:readOnly -denied:true" },
};

export function emptySeriesCounts(): CallSeriesCounts {
  return { mutating: 0, readOnly: 0, denied: 0, unrecorded: 0 };
}

export function seriesTotal(counts: CallSeriesCounts): number {
  return counts.mutating + counts.readOnly + counts.denied + counts.unrecorded;
}
