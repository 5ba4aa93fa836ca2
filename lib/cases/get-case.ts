import type { CaseScope } from "@/lib/auth/case-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { selectCaseSummary, type CaseSummary } from "@/lib/cases/create-case";

/** The case's summary, its incident window (null bounds: not set) and its trusted places. */
export type CaseDetail = CaseSummary & {
  windowStart: Date | null;
  windowEnd: Date | null;
  /** Trusted networks (canonical CIDRs) and expected countries (ISO alpha-2), empty when not set. */
  trustedNetworks: string[];
  expectedCountries: string[];
  /** Chosen end of the identity baselines (null: the window's start) and the business time zone. */
  baselineEnd: Date | null;
  timeZone: string;
};

export async function getCase(scope: CaseScope): Promise<CaseDetail> {
  const found = await db.case.findUnique({
    where: { id: scope.caseId },
    select: { ...selectCaseSummary, windowStart: true, windowEnd: true, trustedNetworks: true, expectedCountries: true, baselineEnd: true, timeZone: true },
  });
  if (!found) throw new AppError("NOT_FOUND");
  return found;
}
