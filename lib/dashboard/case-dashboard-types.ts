import type { CallSeries } from "@/lib/charts/call-series";

/** A figure and the events page listing exactly the events it counts. */
export type LinkedCount = { count: number; href: string };

export type ValueCount = LinkedCount & { value: string };

export type TopItem = ValueCount & {
  /** The identity page of a principal or key (null for IPs and user agents). */
  identityHref: string | null;
  /** Source IPs only: the resolved country (ISO code). */
  country: string | null;
};

export const TOP_DIMENSIONS = ["principal", "key", "ip", "userAgent"] as const;
export type TopDimension = (typeof TOP_DIMENSIONS)[number];

export type NewInWindowItem = { dimension: "principal" | "key" | "ip"; value: string; firstAt: string; href: string };

/**
 * The case's landing page data (GET /api/v1/cases/:caseId/dashboard). Every count is linked to the
 * events it counts. Built from the case's rollups (lib/rollups), so its cost does not grow with the
 * event count; `pendingEvents` says how many events arrived since they were built.
 */
export type CaseDashboard = {
  events: { total: number; undated: LinkedCount; pendingEvents: number; rollupsBuiltAt: string | null };
  /** First and last eventTime (ISO UTC), null without dated events. */
  range: { first: string | null; last: string | null };
  series: Record<CallSeries, LinkedCount>;
  accounts: ValueCount[];
  regions: ValueCount[];
  categories: ValueCount[];
  ingest: { runs: number; succeeded: number; failed: number; active: number; files: number; lastFinishedAt: string | null };
  /** Top values by mutating calls and by denied calls (readOnly false and not denied; denied), best first. */
  tops: Record<TopDimension, { byMutating: TopItem[]; byDenied: TopItem[]; distinct: number }>;
  /** Principals, keys and IPs first seen inside the incident window; null when the case has no window. */
  newInWindow: { start: string | null; end: string | null; items: NewInWindowItem[]; more: number } | null;
  /** Calls from outside the case's trusted networks / expected countries; null parts when not configured. */
  untrusted: {
    outsideNetworks: LinkedCount | null;
    outsideCountries: LinkedCount | null;
    /** Source IPs outside both (where configured), most calls first. */
    ips: TopItem[];
  };
  bookmarks: { id: string; title: string; createdAt: string; author: string | null; href: string }[];
  /** Findings by status, and the open ones: confirmed first, then new, most severe first (at most DASHBOARD_FINDINGS_N). */
  findings: {
    byStatus: { new: number; confirmed: number; falsePositive: number };
    open: { id: string; title: string; severity: string; principal: string; status: string; failedAttempt: boolean; eventCount: number; firstAt: string | null; href: string }[];
    detectionsRunAt: string | null;
  };
  bookmarkCount: number;
};
