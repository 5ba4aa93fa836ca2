import { createHash } from "node:crypto";
import type { DetectionContext } from "@/lib/detections/rule-types";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";

/**
 * Bump when a release changes what a built-in rule matches in a way its own source text does not
 * show (a shared helper in lib/detections/rules/shared, the DetectionEvent rebuild): every case's next
 * detection run is then a full one.
 */
export const DETECTION_ENGINE_VERSION = 1;

/**
 * What a case's findings are computed with: the engine version, every rule (metadata, needs, and its
 * logic: a built-in rule's function source, a Sigma rule's detection section), the case's accounts and
 * regions used before the window, and its thresholds. Findings computed under one fingerprint can be
 * extended with new events; under another they must be recomputed from all events.
 */
export function detectionFingerprint(rules: readonly RunnableRule[], context: DetectionContext): string {
  const hash = createHash("sha256");
  const settings = Object.entries(context.settings).sort(([a], [b]) => (a < b ? -1 : 1));
  hash.update(JSON.stringify([DETECTION_ENGINE_VERSION, [...context.caseAccountIds].sort(), [...context.usedRegions].sort(), settings]));
  const sorted = [...rules].sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  for (const r of sorted) {
    const { rule } = r;
    hash.update("\u0000");
    hash.update(JSON.stringify([r.source, rule.id, rule.title, rule.severity, rule.description, rule.attack, rule.evidenceFields, rule.needs, logicOf(r)]));
  }
  return hash.digest("hex");
}

function logicOf(r: RunnableRule): string {
  if (r.source === "sigma") return `${r.rule.logic}|${r.rule.tactics.join(",")}|${r.rule.author ?? ""}`;
  return r.rule.kind === "event" ? String(r.rule.match) : `${r.rule.partition ?? ""}|${String(r.rule.evaluate)}`;
}
