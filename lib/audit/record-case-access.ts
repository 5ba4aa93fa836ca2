import "server-only";
import { cache } from "react";
import { recordAudit } from "@/lib/audit/record-audit";
import { isUuid } from "@/lib/auth/case-scope";

/**
 * case.access, once per server render of a case page (the layout and the page both pass through
 * casePage; React's request cache keys this on user and case only). `denied` records a refused attempt
 * on a case id (a non-member or a missing case), which leads see in their case's audit too. The page
 * path is not recorded: a server component cannot read it (by design in the App Router, and there is
 * no middleware to pass it along).
 */
export const recordCaseAccess = cache(async (userId: string, caseId: string, denied: boolean): Promise<void> => {
  if (!isUuid(caseId)) return;
  await recordAudit({ action: "case.access", actorId: userId, caseId, targetType: "case", targetId: caseId, detail: denied ? { denied: true } : {} });
});
