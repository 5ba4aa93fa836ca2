import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { parseAuditFilters } from "@/lib/audit/audit-entry";
import { AUDIT_EXPORT_FORMATS, type AuditExportFormat } from "@/lib/audit/render-audit-export";
import { unsafeStreamAuditExport } from "@/lib/audit/unsafe-stream-audit-export";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/create-user";
import { requireAdmin } from "@/lib/users/require-admin";

export type AuditExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

const CONTENT_TYPES: Record<AuditExportFormat, string> = { csv: "text/csv; charset=utf-8", jsonl: "application/jsonl; charset=utf-8" };

function parseFormat(format: unknown): AuditExportFormat {
  if (typeof format === "string" && (AUDIT_EXPORT_FORMATS as readonly string[]).includes(format)) return format as AuditExportFormat;
  throw new AppError("INVALID_INPUT", "Choose csv or jsonl.");
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");

/** Admins: the whole log (with the filters), recorded as an export.download of the audit log itself. */
export async function exportAuditLog(actor: Pick<PublicUser, "id">, filters: unknown, format: unknown): Promise<AuditExport> {
  await requireAdmin(actor);
  const f = parseFormat(format);
  const parsed = parseAuditFilters(filters);
  await recordAudit({ action: "export.download", actorId: actor.id, caseId: parsed.caseId ?? null, targetType: "audit-log", detail: { format: f, filters: { ...parsed, before: undefined } } });
  return { filename: `trailbench-audit-${stamp()}.${f}`, contentType: CONTENT_TYPES[f], body: unsafeStreamAuditExport(null, parsed, f) };
}

/** A case lead ("audit:read"): the case's entries. */
export async function exportCaseAuditLog(scope: CaseScope, filters: unknown, format: unknown): Promise<AuditExport> {
  if (!can(scope.role, "audit:read")) throw new AppError("NOT_FOUND");
  const f = parseFormat(format);
  const parsed = { ...parseAuditFilters(filters), caseId: undefined };
  await recordAudit({ action: "export.download", actorId: scope.userId, caseId: scope.caseId, targetType: "audit-log", detail: { format: f, filters: { ...parsed, before: undefined } } });
  return { filename: `trailbench-case-audit-${scope.caseId.slice(0, 8)}-${stamp()}.${f}`, contentType: CONTENT_TYPES[f], body: unsafeStreamAuditExport(scope.caseId, parsed, f) };
}
