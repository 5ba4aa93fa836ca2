/**
 * The delivery ledger of a case (issue #7): what the evidence holds per recipient account × region
 * ("stream") and per UTC hour. Shapes returned by lib/integrity/get-delivery-ledger.ts. Every string
 * taken from CloudTrail (account, region) is attacker-controlled: render it as text only.
 */

/**
 * One recipient account × region of the case. `account` and `region` are '' when the records do not
 * say (e.g. eventVersion 1.01 records carry no recipientAccountId); the link then uses `-has:`.
 */
export type LedgerStream = {
  account: string;
  region: string;
  /** Dated events (eventTime usable), and undated ones (listed apart by the events page). */
  events: number;
  undated: number;
  /** UTC hours holding at least one event of the stream. */
  activeHours: number;
  /** Exact first and last eventTime (ISO UTC), null when every event of the stream is undated. */
  firstEventTime: string | null;
  lastEventTime: string | null;
  /**
   * Distinct evidence files contributing events, and their delivery sources (ingest_runs.source_kind:
   * upload, path, s3, lookup-events), only when asked for (`streamFiles: true`): they need one pass over
   * the case's events. Null otherwise.
   */
  files: number | null;
  sources: string[] | null;
  /** The events page listing exactly this stream's events. */
  href: string;
};

/** One account × region × UTC hour that holds events. */
export type LedgerHour = {
  account: string;
  region: string;
  /** Start of the UTC hour (ISO). */
  hour: string;
  events: number;
  /** Distinct evidence files contributing to this hour of this stream. */
  files: number;
  firstEventTime: string;
  lastEventTime: string;
  /** Delivery sources of those files, sorted (ingest_runs.source_kind). */
  sources: string[];
  /** Ingest runs those files came from (ids), sorted. */
  ingestRunIds: string[];
  href: string;
};

/** Keyset position for the next page of hourly rows: the last row returned. */
export type LedgerHourCursor = { hour: string; account: string; region: string };

export type LedgerHourOptions = {
  /** Only this recipient account ('' = not recorded) and/or region. */
  account?: string;
  region?: string;
  /** Only hours starting at or after `from` and before `to` (ISO instants). */
  from?: string;
  to?: string;
  /** Rows after this one (the previous page's `next`). */
  after?: LedgerHourCursor;
  /** Rows per page: default 100, at most 1,000. */
  limit?: number;
};

export type DeliveryLedgerOptions = {
  /** Hourly rows (none unless asked for). */
  hours?: LedgerHourOptions;
  /** Count evidence files and delivery sources per stream (one pass over the case's events). */
  streamFiles?: boolean;
};

export type DeliveryLedger = {
  /** Events committed since the case's rollups were last rebuilt: not yet in `streams` or the hour keys. */
  pendingEvents: number;
  totals: {
    events: number;
    undated: number;
    /** Evidence files by kind ("events", "digest", "rejected"). */
    files: { kind: string; count: number }[];
    /** Ingest runs by delivery source and state. */
    runs: { sourceKind: string; state: string; count: number }[];
  };
  /** Every stream, most events first. */
  streams: LedgerStream[];
  /** Present when `hours` was asked for: oldest hour first, then account, then region. */
  hours: { rows: LedgerHour[]; next: LedgerHourCursor | null } | null;
};
