// The CaseScope capability and the only two places that mint it: a membership check, or the local
// operator (the CLI, which holds the database credentials anyway). Pages, actions and routes obtain a
// scope through lib/auth/case-access.ts (requireCaseAccess), which calls resolveCaseScope.
import { db } from "@/lib/db/client";
import type { CaseRole } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { can, type CasePermission } from "@/lib/auth/permissions";

declare const caseScopeBrand: unique symbol;

/**
 * Proof that `userId` may act on `caseId` with `role`. Every case-scoped function in lib takes it as
 * its first parameter, so the compiler refuses a call that skipped the membership check.
 * `userId` is null for the local operator (CLI).
 */
export type CaseScope = {
  readonly caseId: string;
  readonly userId: string | null;
  readonly role: CaseRole;
  readonly [caseScopeBrand]: true;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** NOT_FOUND (never "forbidden") unless `userId` is a member of the case with a role granting `permission`. */
export async function resolveCaseScope(userId: string, caseId: string, permission: CasePermission): Promise<CaseScope> {
  if (!isUuid(caseId) || !isUuid(userId)) throw new AppError("NOT_FOUND");
  const membership = await db.caseMember.findUnique({
    where: { caseId_userId: { caseId, userId } },
    select: { role: true },
  });
  if (!membership || !can(membership.role, permission)) throw new AppError("NOT_FOUND");
  return Object.freeze({ caseId, userId, role: membership.role }) as CaseScope;
}

/**
 * Full access to an existing case for the local operator, who runs the CLI on the server with the
 * database credentials. Never reachable from a web request (ESLint forbids importing it outside lib/cli).
 */
export async function unsafeOperatorCaseScope(caseId: string): Promise<CaseScope> {
  return existingCaseScope(caseId, "lead");
}

/**
 * Read access to an existing case for the worker's computation of the views every analyst opens first
 * (lib/cache/warm-case-views.ts): no user, the least role that reads events (investigator). ESLint allows
 * importing it only there; the case id comes from a job the worker queued itself, never from a request.
 */
export async function unsafeWorkerCaseScope(caseId: string): Promise<CaseScope> {
  return existingCaseScope(caseId, "investigator");
}

/** A scope without a user for an existing case (NOT_FOUND otherwise): the two unchecked minting sites above. */
async function existingCaseScope(caseId: string, role: CaseRole): Promise<CaseScope> {
  if (!isUuid(caseId) || !(await db.case.findUnique({ where: { id: caseId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", `No case with id ${caseId}.`);
  }
  return Object.freeze({ caseId, userId: null, role }) as CaseScope;
}
