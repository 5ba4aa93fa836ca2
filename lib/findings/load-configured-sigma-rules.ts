import { env } from "@/lib/env.js";
import type { DetectionEvent } from "@/lib/detections/detection-event";
import { loadSigmaFolder } from "@/lib/detections/sigma/load-sigma-folder";
import type { CompiledSigmaRule, SigmaFolder } from "@/lib/detections/sigma/sigma-types";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";

type SigmaRunnable = Extract<RunnableRule, { source: "sigma" }>["rule"];
export type ConfiguredSigma = { dir: string | null; rules: SigmaRunnable[]; skipped: { source: string; reason: string }[] };

/** Re-read the folder at most this often (an edited rule applies without a restart). */
const RELOAD_MS = 60_000;
let cache: { at: number; dir: string; value: ConfiguredSigma } | null = null;

/**
 * The Sigma rules of TRAILBENCH_SIGMA_DIR, compiled for the detection run, and the skipped ones with
 * their reasons (shown on the findings page, never silently dropped). No folder configured: none.
 */
export async function loadConfiguredSigmaRules(dir: string | undefined = env.TRAILBENCH_SIGMA_DIR): Promise<ConfiguredSigma> {
  if (!dir) return { dir: null, rules: [], skipped: [] };
  if (cache && cache.dir === dir && performance.now() - cache.at < RELOAD_MS) return cache.value;
  const folder: SigmaFolder = await loadSigmaFolder(dir);
  const value: ConfiguredSigma = { dir, rules: folder.compiled.map(toRunnable), skipped: folder.skipped.map((s) => ({ source: s.source, reason: s.reason })) };
  cache = { at: performance.now(), dir, value };
  return value;
}

/** A compiled Sigma rule as the run sees it: its level as severity, its ATT&CK tags, its author kept (DRL). */
export function toRunnable(rule: CompiledSigmaRule): SigmaRunnable {
  return {
    kind: "sigma",
    id: `sigma:${rule.id}`,
    title: rule.title,
    severity: rule.level,
    description: rule.description,
    author: rule.author || null,
    attack: rule.attack,
    tactics: rule.tactics,
    evidenceFields: [],
    needs: rule.needs,
    logic: rule.logic,
    match: (event: DetectionEvent) => rule.match(event),
  };
}
