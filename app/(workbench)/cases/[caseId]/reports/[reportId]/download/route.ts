import { reportBytesResponse } from "@/lib/api/report-bytes-response";
import { caseRoute } from "@/lib/auth/guards";
import { getReportBytes } from "@/lib/reports/create-report";

export const dynamic = "force-dynamic";

/** A stored export, byte-identical, as an attachment (an HTML report is sandboxed even if opened inline). */
export const GET = caseRoute("reports:read", async (scope, _req, ctx) => {
  const { reportId } = await ctx.params;
  return reportBytesResponse(await getReportBytes(scope, typeof reportId === "string" ? reportId : ""));
});
