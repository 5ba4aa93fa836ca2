// Pure renderers of the audit export. CSV: one row per entry, every cell made inert for spreadsheets
// with the report CSV's neutraliser (filter texts, user agents and labels are user- or
// CloudTrail-controlled). JSON Lines: one entry per line with the chain fields (prevHash, hash and
// detailText, the exact detail text that was hashed), so the chain can be re-verified offline.
import type { AuditEntry } from "@/lib/audit/audit-entry";
import { csvField, neutraliseCsvCell } from "@/lib/reports/render-timeline-csv";

export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export const AUDIT_CSV_COLUMNS = [
  "id", "at", "actorId", "actorEmail", "actorName", "actorLabel", "action", "caseId", "caseName", "targetType", "targetId", "detail", "ip", "userAgent", "prevHash", "hash",
] as const;

const line = (cells: readonly string[]) => `${cells.map((c) => csvField(neutraliseCsvCell(c))).join(",")}\r\n`;

export function auditCsvHeader(): string {
  return line(AUDIT_CSV_COLUMNS);
}

export function auditCsvRow(e: AuditEntry): string {
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string> = {
    id: e.id,
    at: e.at,
    actorId: e.actorId ?? "",
    actorEmail: e.actorEmail ?? "",
    actorName: e.actorName ?? "",
    actorLabel: e.actorLabel ?? "",
    action: e.action,
    caseId: e.caseId ?? "",
    caseName: e.caseName ?? "",
    targetType: e.targetType ?? "",
    targetId: e.targetId ?? "",
    detail: e.detailText,
    ip: e.ip ?? "",
    userAgent: e.userAgent ?? "",
    prevHash: e.prevHash ?? "",
    hash: e.hash,
  };
  return line(AUDIT_CSV_COLUMNS.map((c) => cells[c]));
}

export function auditJsonLine(e: AuditEntry): string {
  return `${JSON.stringify(e)}\n`;
}
