import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import type { IdentityBaselineData } from "@/lib/baselines/baseline-types";
import { SET_DEVIATION_KINDS } from "@/lib/baselines/deviation-kinds";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type IdentityBaseline = IdentityBaselineData & {
  /** coalesce(sessionIssuer, userIdentity.arn): a role ARN for its sessions, else the principal's ARN. */
  identity: string;
  /** Baseline events (dated or not). */
  baselineEvents: number;
  computedAt: Date;
};

/** A stored baseline as the typed shape, with every set present (older or partial rows read as empty sets). */
export function toIdentityBaseline(row: { identity: string; baseline: unknown; baselineEvents: number; computedAt: Date }): IdentityBaseline {
  const data = (row.baseline ?? {}) as Partial<IdentityBaselineData>;
  const sets = Object.fromEntries(SET_DEVIATION_KINDS.map((k) => [k, data.sets?.[k] ?? []])) as IdentityBaselineData["sets"];
  return {
    identity: row.identity,
    baselineEvents: row.baselineEvents,
    computedAt: row.computedAt,
    baselineEnd: data.baselineEnd ?? null,
    timeZone: data.timeZone ?? "UTC",
    sets,
    hours: data.hours ?? null,
    datedEvents: data.datedEvents ?? 0,
  };
}

/**
 * The baseline of one identity of the case (lib/baselines/compute-baselines.ts has the definitions), or
 * null when it has none: no events before the baseline end, no such identity, or another case's.
 * `identity` is a role ARN (for all its sessions) or a user's, root's or federated user's ARN.
 */
export async function getIdentityBaseline(scope: CaseScope, identity: string): Promise<IdentityBaseline | null> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  if (typeof identity !== "string" || identity === "") return null;
  const row = await db.identityBaseline.findUnique({
    where: { caseId_identity: { caseId: scope.caseId, identity } },
    select: { identity: true, baseline: true, baselineEvents: true, computedAt: true },
  });
  return row ? toIdentityBaseline(row) : null;
}
