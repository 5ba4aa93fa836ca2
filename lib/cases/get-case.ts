import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { selectCaseSummary, type CaseSummary } from "@/lib/cases/create-case";

/** The case's summary and its incident window (null bounds: not set). */
export type CaseDetail = CaseSummary & { windowStart: Date | null; windowEnd: Date | null };

export async function getCase(scope: CaseScope): Promise<CaseDetail> {
  const found = await db.case.findUnique({
    where: { id: scope.caseId },
    select: { ...selectCaseSummary, windowStart: true, windowEnd: true },
  });
  if (!found) throw new AppError("NOT_FOUND");
  return found;
}
