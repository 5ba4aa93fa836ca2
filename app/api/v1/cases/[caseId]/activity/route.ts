import { apiJson } from "@/lib/api/api-json";
import { ZApiActivityPage } from "@/lib/audit/activity-api-schema";
import { listCaseActivity } from "@/lib/audit/list-case-activity";
import { caseRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/cases/{caseId}/activity[?after=<id>|before=<id>][&limit=]: the case's activity feed,
 * newest first; `after` returns only what is newer (the workbench polls it every 5 s). Every member.
 */
export const GET = caseRoute("case:read", async (scope, req) => {
  const sp = new URL(req.url).searchParams;
  const query = Object.fromEntries(["after", "before", "limit"].flatMap((k) => (sp.get(k) ? [[k, sp.get(k)]] : [])));
  return apiJson(ZApiActivityPage, await listCaseActivity(scope, query));
});
