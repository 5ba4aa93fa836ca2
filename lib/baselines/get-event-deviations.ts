import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import type { EventDeviationDetails } from "@/lib/baselines/baseline-types";
import { isDeviationKind, type DeviationKind } from "@/lib/baselines/deviation-kinds";
import { toIdentityBaseline, type IdentityBaseline } from "@/lib/baselines/get-identity-baseline";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type EventDeviations = {
  eventId: string;
  identity: string;
  eventTime: Date;
  /** In display order (DEVIATION_KINDS). */
  kinds: DeviationKind[];
  details: EventDeviationDetails;
  /** The identity's baseline the event was judged against (for "baseline: console"). */
  baseline: IdentityBaseline | null;
  computedAt: Date;
};

/**
 * The deviations of one event of the case from its identity's baseline, or null when it has none (or
 * is not an event of this case: the lookup is under scope.caseId, so another case's eventID is null).
 */
export async function getEventDeviations(scope: CaseScope, eventId: string): Promise<EventDeviations | null> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  if (typeof eventId !== "string" || eventId === "") return null;
  const row = await db.eventDeviation.findUnique({
    where: { caseId_eventId: { caseId: scope.caseId, eventId } },
    select: { eventId: true, identity: true, eventTime: true, kinds: true, details: true, computedAt: true },
  });
  if (!row) return null;
  const baseline = await db.identityBaseline.findUnique({
    where: { caseId_identity: { caseId: scope.caseId, identity: row.identity } },
    select: { identity: true, baseline: true, baselineEvents: true, computedAt: true },
  });
  return {
    eventId: row.eventId,
    identity: row.identity,
    eventTime: row.eventTime,
    kinds: row.kinds.filter(isDeviationKind),
    details: (row.details ?? {}) as EventDeviationDetails,
    baseline: baseline ? toIdentityBaseline(baseline) : null,
    computedAt: row.computedAt,
  };
}
