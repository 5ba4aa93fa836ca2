import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { parseAuditFilters, type AuditEntryPage } from "@/lib/audit/audit-entry";
import { unsafeQueryAuditEntries } from "@/lib/audit/query-audit-entries";
import { AppError } from "@/lib/errors";

export const CASE_AUDIT_PAGE_SIZE = 100;

/**
 * The case's audit entries (every action recorded with this case id, case.access and search.run
 * included), newest first. Leads only ("audit:read", checked here too): anyone else gets NOT_FOUND.
 * A caseId in the filters is ignored: the scope's case is the only one.
 */
export async function listCaseAuditLog(scope: CaseScope, filters: unknown, limit = CASE_AUDIT_PAGE_SIZE): Promise<AuditEntryPage> {
  if (!can(scope.role, "audit:read")) throw new AppError("NOT_FOUND");
  const parsed = { ...parseAuditFilters(filters), caseId: undefined };
  const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
  const rows = await unsafeQueryAuditEntries(scope.caseId, parsed, { limit: size + 1 });
  const entries = rows.slice(0, size);
  return { entries, older: rows.length > size ? entries[entries.length - 1]!.id : null };
}
