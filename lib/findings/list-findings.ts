import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db/client";
import type { Severity } from "@/lib/detections/rule-types";
import { AppError } from "@/lib/errors";
import { findingEventsHref } from "@/lib/findings/finding-events-href";
import { SEVERITY_ORDER, type FindingItem, type FindingStatus } from "@/lib/findings/finding-item";

type Row = Omit<FindingItem, "firstAt" | "lastAt" | "triagedAt" | "eventsHref" | "newSinceTriage"> & {
  firstAt: Date | null;
  lastAt: Date | null;
  triagedAt: Date | null;
  triagedEventCount: number | null;
};

/** The case's findings, most severe first, then earliest. Every member who reads events sees them. */
export async function listFindings(scope: CaseScope, opts: { status?: FindingStatus; eventIds?: boolean } = {}): Promise<(FindingItem & { eventIds?: string[] })[]> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const { rows } = await getPool().query<Row & { eventIds?: string[] }>(
    `SELECT f.id, f.rule_id AS "ruleId", f.source, f.title, f.severity, f.description, f.rule_author AS "ruleAuthor", f.attack, f.tactics,
            f.evidence_fields AS "evidenceFields", f.principal, f.failed_attempt AS "failedAttempt", f.reason, f.event_count AS "eventCount",
            f.first_at AS "firstAt", f.last_at AS "lastAt", f.status, f.note, u.name AS "triagedBy", f.triaged_at AS "triagedAt",
            f.triaged_event_count AS "triagedEventCount" ${opts.eventIds ? `, f.event_ids AS "eventIds"` : ""}
       FROM findings f LEFT JOIN users u ON u.id = f.triaged_by_id
      WHERE f.case_id = $1 AND ($2::text IS NULL OR f.status = $2)`,
    [scope.caseId, opts.status ?? null],
  );
  return rows
    .map((r) => {
      const { triagedEventCount, ...rest } = r;
      return {
        ...rest,
        severity: r.severity as Severity,
        firstAt: r.firstAt?.toISOString() ?? null,
        lastAt: r.lastAt?.toISOString() ?? null,
        triagedAt: r.triagedAt?.toISOString() ?? null,
        newSinceTriage: triagedEventCount === null ? 0 : Math.max(0, r.eventCount - triagedEventCount),
        eventsHref: findingEventsHref(scope.caseId, r.id),
      };
    })
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (a.firstAt ?? "\uffff").localeCompare(b.firstAt ?? "\uffff") ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.principal.localeCompare(b.principal),
    );
}
