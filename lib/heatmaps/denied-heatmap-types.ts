/** The axes a denied-call heatmap can put against principals. */
export const HEATMAP_AXES = ["hour", "service", "eventName"] as const;
export type HeatmapAxis = (typeof HEATMAP_AXES)[number];

/** How the principal axis is ordered: most denied calls, sharpest burst (most in one hour), earliest first denied call. */
export const HEATMAP_SORTS = ["total", "burst", "first"] as const;
export type HeatmapSort = (typeof HEATMAP_SORTS)[number];

export type HeatmapRow = {
  /**
   * userIdentity.arn; for calls without one, the AWS service that made them (invokedBy, e.g.
   * delivery.logs.amazonaws.com); '' when the events carry neither. Attacker-controlled text.
   */
  principal: string;
  /** Which of the three `principal` is. */
  principalKind: "arn" | "invokedBy" | "";
  total: number;
  /** Most denied calls in one UTC hour, and that hour. */
  burst: number;
  burstHour: string | null;
  /** The principal's first denied call (ISO UTC), null if all are undated. */
  first: string | null;
  /** Events page: every denied call of this principal in the heatmap's range. */
  href: string;
};

export type HeatmapColumn = {
  /** Hour axis: the bin start (ISO); service / eventName axis: the value ('' = none). */
  key: string;
  label: string;
  total: number;
};

/**
 * A principal × time or principal × service / eventName heatmap of denied calls
 * (GET /api/v1/cases/:caseId/heatmaps/denied). `counts[r][c]` is the number of denied calls of
 * rows[r] in columns[c]; `hrefs[r][c]` lists exactly those events (null for an empty cell).
 */
export type DeniedHeatmap = {
  axis: HeatmapAxis;
  sort: HeatmapSort;
  /** Hour axis only: the column width (1 hour unless the range needs wider bins). */
  intervalMs: number | null;
  /** The range counted (ISO UTC); null bounds = open (undated denied calls count on service / eventName axes). */
  from: string | null;
  to: string | null;
  rows: HeatmapRow[];
  columns: HeatmapColumn[];
  counts: number[][];
  hrefs: (string | null)[][];
  /** Largest cell: the top of the colour scale. */
  max: number;
  /** Denied calls in the range, all principals. */
  totalDenied: number;
  /** Principals / columns beyond the ones drawn. */
  rowsOmitted: number;
  columnsOmitted: number;
  /** The error codes that count as denied (one list for the whole product). */
  codes: readonly string[];
  /** Events ingested since the rollups were built (0 when current). */
  pendingEvents: number;
};
