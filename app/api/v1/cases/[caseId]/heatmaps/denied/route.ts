import { caseRoute } from "@/lib/auth/guards";
import { parseHeatmapParams } from "@/lib/charts/chart-params";
import { getDeniedHeatmap } from "@/lib/heatmaps/get-denied-heatmap";

export const dynamic = "force-dynamic";

/** A denied-call heatmap: `?axis=hour|service|eventName&sort=total|burst|first&after=&before=` (lib/heatmaps/denied-heatmap-types.ts). */
export const GET = caseRoute("events:read", async (scope, req) => {
  return Response.json(await getDeniedHeatmap(scope, parseHeatmapParams(new URL(req.url).searchParams)));
});
