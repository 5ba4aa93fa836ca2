import type { CaseScope } from "@/lib/auth/case-scope";
import { recordCaseUpdate } from "@/lib/audit/record-case-update";
import { computeBaselines } from "@/lib/baselines/compute-baselines";
import { queueWarmViews } from "@/lib/cache/queue-warm-views";
import { queueDetections } from "@/lib/findings/queue-detections";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZCaseWindowInput, type TCaseWindowInput } from "@/lib/cases/schemas";

/**
 * Sets (or clears, bound by bound) the case's incident window: identities, keys, IPs … first seen
 * inside it are marked new on the identity pages, and the identity baselines end at its start
 * (lib/baselines/compute-baselines.ts, recomputed here). Lead only ("case:update"), checked here as well as
 * by the action, because the scope may have been minted for a weaker permission; like every refusal
 * of a case, it is NOT_FOUND.
 */
export async function setCaseWindow(scope: CaseScope, input: TCaseWindowInput): Promise<{ start: Date | null; end: Date | null }> {
  if (!can(scope.role, "case:update")) throw new AppError("NOT_FOUND");
  const { start, end } = ZCaseWindowInput.parse(input);
  const before = await db.case.findUnique({ where: { id: scope.caseId }, select: { windowStart: true, baselineEnd: true } });
  const updated = await db.case.updateMany({ where: { id: scope.caseId }, data: { windowStart: start, windowEnd: end } });
  if (!before || updated.count !== 1) throw new AppError("NOT_FOUND");
  await recordCaseUpdate(scope, "window", { start: start?.toISOString() ?? null, end: end?.toISOString() ?? null });
  // The baseline ends where the window starts, unless the lead chose its end: recompute (2–10 s at 1M
  // events) only when that end moved, not when only the window's end changed.
  const baselineEndMoved = before.baselineEnd === null && before.windowStart?.getTime() !== start?.getTime();
  // Deviations and "unused regions" follow the window: detections re-run either way.
  if (baselineEndMoved) await computeBaselines(scope);
  await queueDetections(scope.caseId);
  // The coverage statement is keyed by the window: computed again ahead of the readers.
  await queueWarmViews(scope.caseId);
  return { start, end };
}
