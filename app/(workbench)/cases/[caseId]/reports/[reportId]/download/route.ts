import { caseRoute } from "@/lib/auth/guards";
import { getReportBytes } from "@/lib/reports/create-report";

export const dynamic = "force-dynamic";

const TYPES = { pdf: "application/pdf", html: "text/html; charset=utf-8", md: "text/markdown; charset=utf-8", json: "application/json", csv: "text/csv; charset=utf-8" } as const;

/** A stored export, byte-identical, as an attachment (an HTML report is sandboxed even if opened inline). */
export const GET = caseRoute("reports:read", async (scope, _req, ctx) => {
  const { reportId } = await ctx.params;
  const report = await getReportBytes(scope, typeof reportId === "string" ? reportId : "");
  return new Response(new Uint8Array(report.bytes), {
    headers: {
      "Content-Type": TYPES[report.format],
      "Content-Disposition": `attachment; filename="${report.identifier}.${report.format}"`,
      "Content-Length": String(report.bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      ETag: `"${report.sha256}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
