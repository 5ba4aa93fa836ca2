/**
 * GET /api/v1/cases/<caseId>/lineage?key=<access key>
 *
 * The credential lineage of one key in a case, as JSON: `{ lineage, graph }`, where `lineage` is
 * traceLineage's result (lib/lineage/lineage-types.ts: key, issued, origin, chain, derived,
 * eventCounts) and `graph` the positioned graph drawn on the lineage page and in the report
 * (lib/lineage/lineage-graph-layout.ts: nodes, edges, width, height, omittedNodes, maxNodes, stoppedBy).
 * Needs a signed-in member with `events:read` on the case; anything else is 404. A missing, repeated or
 * over-long key is 400 `{ error: { code: "INVALID_INPUT", message } }`. Every string is CloudTrail content.
 */
import { caseRoute } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { layoutLineageGraph } from "@/lib/lineage/lineage-graph-layout";
import { traceLineage } from "@/lib/lineage/trace-lineage";

export const dynamic = "force-dynamic";

export const GET = caseRoute("events:read", async (scope, req) => {
  const given = new URL(req.url).searchParams.getAll("key");
  // Trimmed like the page's form: a pasted key often carries spaces.
  const key = given.length === 1 ? given[0]!.trim() : "";
  if (!key) throw new AppError("INVALID_INPUT", "Give exactly one access key to trace: ?key=AKIA… or ?key=ASIA….");
  const lineage = await traceLineage(scope, key);
  return Response.json({ lineage, graph: layoutLineageGraph(lineage) }, { headers: { "cache-control": "no-store" } });
});
