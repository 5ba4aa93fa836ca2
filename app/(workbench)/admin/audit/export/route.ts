import { searchParamsRecord } from "@/lib/audit/audit-entry";
import { auditExportResponse } from "@/lib/audit/audit-export-response";
import { exportAuditLog } from "@/lib/audit/export-audit-log";
import { userRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

/** GET ?format=csv|jsonl&actor=&action=&caseId=&from=&to=: the workbench's audit log (admins; others 404). */
export const GET = userRoute(async (user, req) => {
  const sp = searchParamsRecord(new URL(req.url).searchParams);
  const { format, ...filters } = sp;
  return auditExportResponse(await exportAuditLog(user, filters, format));
});
