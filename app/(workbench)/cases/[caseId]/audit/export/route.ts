import { searchParamsRecord } from "@/lib/audit/audit-entry";
import { auditExportResponse } from "@/lib/audit/audit-export-response";
import { exportCaseAuditLog } from "@/lib/audit/export-audit-log";
import { caseRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

/** GET ?format=csv|jsonl&actor=&action=&from=&to=: the case's audit entries (leads; others 404). */
export const GET = caseRoute("audit:read", async (scope, req) => {
  const sp = searchParamsRecord(new URL(req.url).searchParams);
  const { format, ...filters } = sp;
  return auditExportResponse(await exportCaseAuditLog(scope, filters, format));
});
