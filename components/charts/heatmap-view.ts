import type { HeatmapAxis, HeatmapSort } from "@/lib/heatmaps/denied-heatmap-types";

/**
 * A denied-call heatmap view: what the page URL, the API URL and a bookmark all carry. Pure (no
 * "use client"), so the server page and the client panel share it.
 */
export type HeatmapView = { axis: HeatmapAxis; sort: HeatmapSort; after: string | null; before: string | null };

/** `axis=…&sort=…[&after=…][&before=…]`, the query string of the page and of the API alike. */
export function heatmapViewQuery(view: HeatmapView): string {
  const params = new URLSearchParams({ axis: view.axis, sort: view.sort });
  if (view.after) params.set("after", view.after);
  if (view.before) params.set("before", view.before);
  return params.toString();
}

/** The heatmaps page showing `view`. */
export function heatmapPageHref(caseId: string, view: HeatmapView): string {
  return `/cases/${encodeURIComponent(caseId)}/heatmaps?${heatmapViewQuery(view)}`;
}

/** GET /api/v1/cases/:caseId/heatmaps/denied for `view` (DeniedHeatmap JSON). */
export function heatmapApiUrl(caseId: string, view: HeatmapView): string {
  return `/api/v1/cases/${encodeURIComponent(caseId)}/heatmaps/denied?${heatmapViewQuery(view)}`;
}
