import "server-only";
import type { CasePermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";

/**
 * The way for a web request to obtain a CaseScope: the signed-in user must be a member of the case
 * with a role that grants `permission`. Anything else is NOT_FOUND (404), never 403, so a foreign id
 * looks exactly like a missing one.
 */
export async function requireCaseAccess(caseId: string, permission: CasePermission): Promise<CaseScope> {
  const user = await requireUser();
  return resolveCaseScope(user.id, caseId, permission);
}
