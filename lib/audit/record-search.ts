import type { CaseScope } from "@/lib/auth/case-scope";
import { recordAudit } from "@/lib/audit/record-audit";

const MAX_QUERY = 2_000;

/**
 * search.run: a member ran a non-empty filter over the case's events (the events page on its first
 * page, /api/v1 events). The filter text is CloudTrail-derived, attacker-influenced input: it is stored
 * as data and only ever rendered as React text (and neutralised in the CSV export).
 */
export async function recordSearch(scope: CaseScope, search: { query: string; resultCount: number; exact: boolean; via: "web" | "api" }): Promise<void> {
  const query = search.query.trim();
  if (!query) return;
  await recordAudit({
    action: "search.run",
    actorId: scope.userId,
    caseId: scope.caseId,
    targetType: "events",
    targetId: null,
    detail: { query: query.slice(0, MAX_QUERY), resultCount: search.resultCount, exact: search.exact, via: search.via },
  });
}
