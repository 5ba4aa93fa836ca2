import { z } from "zod";
import { apiJson } from "@/lib/api/api-json";
import { ZApiFinding, ZFindingsQuery } from "@/lib/api/api-schemas";
import { parseApiQuery } from "@/lib/api/parse-api-query";
import { toApiFinding } from "@/lib/api/to-api-finding";
import { caseRoute } from "@/lib/auth/guards";
import { listFindings } from "@/lib/findings/list-findings";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{caseId}/findings?status=: the findings, most severe first, as `trailbench findings --json` prints them. */
export const GET = caseRoute("events:read", async (scope, req) => {
  const { status } = parseApiQuery(ZFindingsQuery, req);
  const findings = await listFindings(scope, { eventIds: true, ...(status ? { status } : {}) });
  return apiJson(z.array(ZApiFinding), findings.map(toApiFinding));
});
