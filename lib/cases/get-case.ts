import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { selectCaseSummary, type CaseSummary } from "@/lib/cases/create-case";

export async function getCase(scope: CaseScope): Promise<CaseSummary> {
  const found = await db.case.findUnique({ where: { id: scope.caseId }, select: selectCaseSummary });
  if (!found) throw new AppError("NOT_FOUND");
  return found;
}
