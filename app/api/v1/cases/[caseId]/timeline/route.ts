import { caseRoute } from "@/lib/auth/guards";
import { parseChartFilter } from "@/lib/charts/chart-params";
import { getTimeline } from "@/lib/timeline/get-timeline";

export const dynamic = "force-dynamic";

/** The timeline of the case or of `?q=<filter>` (lib/timeline/timeline-types.ts). */
export const GET = caseRoute("events:read", async (scope, req) => {
  const filter = parseChartFilter(new URL(req.url).searchParams.get("q"));
  return Response.json(await getTimeline(scope, filter));
});
