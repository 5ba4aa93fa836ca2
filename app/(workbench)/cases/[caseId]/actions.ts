"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { setCaseBaseline } from "@/lib/cases/set-case-baseline";
import { setCaseContext } from "@/lib/cases/set-case-context";
import { setCaseWindow } from "@/lib/cases/set-case-window";
import { setDetectionSettings } from "@/lib/cases/set-detection-settings";

// The bounds are validated (UTC, start ≤ end) by setCaseWindow's schema, ZCaseWindowInput.
const ZSetCaseWindowAction = z.object({ caseId: z.string(), start: z.string().max(64).optional(), end: z.string().max(64).optional() });

export const setCaseWindowAction = caseAction(ZSetCaseWindowAction, "case:update", async (scope, input) => {
  const window = await setCaseWindow(scope, { start: input.start ?? null, end: input.end ?? null });
  revalidatePath(`/cases/${scope.caseId}`, "layout");
  return { start: window.start?.toISOString() ?? null, end: window.end?.toISOString() ?? null };
});

// Lists are validated (CIDRs, ISO country codes) by setCaseContext's schema, ZCaseContextInput.
const ZSetCaseContextAction = z.object({ caseId: z.string(), trustedNetworks: z.string().max(20_000), expectedCountries: z.string().max(2_000) });

export const setCaseContextAction = caseAction(ZSetCaseContextAction, "case:update", async (scope, input) => {
  const saved = await setCaseContext(scope, { trustedNetworks: input.trustedNetworks, expectedCountries: input.expectedCountries });
  revalidatePath(`/cases/${scope.caseId}`, "layout");
  return saved;
});

// Validated (IANA zone, UTC instant) by setCaseBaseline's schema, ZCaseBaselineInput.
const ZSetCaseBaselineAction = z.object({ caseId: z.string(), timeZone: z.string().max(64), baselineEnd: z.string().max(64).optional() });

export const setCaseBaselineAction = caseAction(ZSetCaseBaselineAction, "case:update", async (scope, input) => {
  const saved = await setCaseBaseline(scope, { timeZone: input.timeZone, baselineEnd: input.baselineEnd ?? null });
  revalidatePath(`/cases/${scope.caseId}`, "layout");
  return { timeZone: saved.timeZone, baselineEnd: saved.baselineEnd?.toISOString() ?? null };
});

// Thresholds are validated (whole numbers in range) by setDetectionSettings' schema.
const ZSetDetectionSettingsAction = z.object({
  caseId: z.string(),
  burstWindowMinutes: z.string().max(12),
  discoveryBurst: z.string().max(12),
  getObjectBurst: z.string().max(12),
  secretsBurst: z.string().max(12),
  massDeletion: z.string().max(12),
  consoleLoginFailures: z.string().max(12),
});

export const setDetectionSettingsAction = caseAction(ZSetDetectionSettingsAction, "case:update", async (scope, { caseId: _caseId, ...input }) => {
  const saved = await setDetectionSettings(scope, input);
  revalidatePath(`/cases/${scope.caseId}`, "layout");
  return saved;
});
