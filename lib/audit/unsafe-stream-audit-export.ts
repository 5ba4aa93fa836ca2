// The export body, read in keyset batches in chain order (oldest first) so memory stays flat whatever
// the log's size. `unsafe…`: no authorization here; exportAuditLog / exportCaseAuditLog check first.
import { AUDIT_PAGE_SIZE } from "@/lib/audit/list-audit-log";
import type { TAuditFilters } from "@/lib/audit/audit-entry";
import { unsafeQueryAuditEntries } from "@/lib/audit/query-audit-entries";
import { auditCsvHeader, auditCsvRow, auditJsonLine, type AuditExportFormat } from "@/lib/audit/render-audit-export";

const BATCH = 10 * AUDIT_PAGE_SIZE;

export function unsafeStreamAuditExport(caseId: string | null, filters: TAuditFilters, format: AuditExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const all = { ...filters, before: undefined };
  let afterId: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let out = "";
        if (!started && format === "csv") out += auditCsvHeader();
        started = true;
        const rows = await unsafeQueryAuditEntries(caseId, all, { limit: BATCH, ascending: true, ...(afterId ? { afterId } : {}) });
        for (const e of rows) out += format === "csv" ? auditCsvRow(e) : auditJsonLine(e);
        if (out) controller.enqueue(encoder.encode(out));
        if (rows.length < BATCH) controller.close();
        else afterId = rows[rows.length - 1]!.id;
      } catch (err) {
        controller.error(err);
      }
    },
  });
}
