import type { CaseScope } from "@/lib/auth/case-scope";
import { recordCaseUpdate } from "@/lib/audit/record-case-update";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZCaseContextInput, type TCaseContextInput } from "@/lib/cases/schemas";

/**
 * Sets the case's trusted networks and expected countries (each list replaced whole; empty clears it).
 * Events from outside them are marked, and `trusted:` filters on them. Lead only ("case:update"),
 * checked here too; a refusal is NOT_FOUND like every refusal of a case.
 */
export async function setCaseContext(scope: CaseScope, input: TCaseContextInput): Promise<{ trustedNetworks: string[]; expectedCountries: string[] }> {
  if (!can(scope.role, "case:update")) throw new AppError("NOT_FOUND");
  const { trustedNetworks, expectedCountries } = ZCaseContextInput.parse(input);
  const updated = await db.case.updateMany({ where: { id: scope.caseId }, data: { trustedNetworks, expectedCountries } });
  if (updated.count !== 1) throw new AppError("NOT_FOUND");
  await recordCaseUpdate(scope, "context", { trustedNetworks, expectedCountries });
  return { trustedNetworks, expectedCountries };
}
