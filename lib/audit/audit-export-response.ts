import type { AuditExport } from "@/lib/audit/export-audit-log";

/** The export as a download: an attachment, never rendered by the browser, never cached. */
export function auditExportResponse(exp: AuditExport): Response {
  return new Response(exp.body, {
    headers: {
      "Content-Type": exp.contentType,
      "Content-Disposition": `attachment; filename="${exp.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
