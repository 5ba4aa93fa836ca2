import { parseAuditFilters, type AuditEntryPage } from "@/lib/audit/audit-entry";
import { unsafeQueryAuditEntries } from "@/lib/audit/query-audit-entries";
import type { PublicUser } from "@/lib/users/create-user";
import { requireAdmin } from "@/lib/users/require-admin";

export const AUDIT_PAGE_SIZE = 100;

/** The whole workbench's audit log, newest first, for active global admins (anyone else: NOT_FOUND). */
export async function listAuditLog(actor: Pick<PublicUser, "id">, filters: unknown, limit = AUDIT_PAGE_SIZE): Promise<AuditEntryPage> {
  await requireAdmin(actor);
  const parsed = parseAuditFilters(filters);
  const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
  const rows = await unsafeQueryAuditEntries(null, parsed, { limit: size + 1 });
  const entries = rows.slice(0, size);
  return { entries, older: rows.length > size ? entries[entries.length - 1]!.id : null };
}
