import { z } from "zod";
import type { CaseScope } from "@/lib/auth/case-scope";
import { recordCaseUpdate } from "@/lib/audit/record-case-update";
import { can } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db/client";
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from "@/lib/detections/rule-types";
import { AppError } from "@/lib/errors";
import { queueDetections } from "@/lib/findings/queue-detections";

const count = (label: string, max: number) =>
  z.coerce.number({ error: `${label}: a whole number` }).int(`${label}: a whole number`).min(1, `${label}: at least 1`).max(max, `${label}: at most ${max}`);

/** The detection thresholds a lead may set (lib/detections/rule-types.ts DetectionSettings). */
export const ZDetectionSettingsInput = z.object({
  burstWindowMinutes: count("Burst window", 1_440),
  discoveryBurst: count("Discovery burst", 100_000),
  getObjectBurst: count("GetObject burst", 1_000_000),
  secretsBurst: count("Secrets burst", 100_000),
  massDeletion: count("Mass deletion", 100_000),
  consoleLoginFailures: count("Failed sign-ins", 1_000),
}) satisfies z.ZodType<DetectionSettings, unknown>;

/** The case's thresholds: its saved values over the defaults. */
export async function getDetectionSettings(scope: CaseScope): Promise<DetectionSettings> {
  const { rows } = await getPool().query<{ s: Partial<DetectionSettings> }>(`SELECT detection_settings AS s FROM cases WHERE id = $1`, [scope.caseId]);
  if (!rows[0]) throw new AppError("NOT_FOUND");
  const parsed = ZDetectionSettingsInput.partial().safeParse(rows[0].s ?? {});
  return { ...DEFAULT_DETECTION_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Sets every threshold at once and re-runs the detections. Lead only ("case:update"). */
export async function setDetectionSettings(scope: CaseScope, input: unknown): Promise<DetectionSettings> {
  if (!can(scope.role, "case:update")) throw new AppError("NOT_FOUND");
  const settings = ZDetectionSettingsInput.parse(input);
  const { rowCount } = await getPool().query(`UPDATE cases SET detection_settings = $2 WHERE id = $1`, [scope.caseId, JSON.stringify(settings)]);
  if (rowCount !== 1) throw new AppError("NOT_FOUND");
  await recordCaseUpdate(scope, "detection-settings", settings);
  await queueDetections(scope.caseId);
  return settings;
}
