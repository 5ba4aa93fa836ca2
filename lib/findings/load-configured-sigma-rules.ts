import type { RunnableRule } from "@/lib/findings/detection-rule-set";

type SigmaRunnable = Extract<RunnableRule, { source: "sigma" }>["rule"];

/** The Sigma rules of TRAILBENCH_SIGMA_DIR, compiled (and the skipped ones with their reasons). Filled in once the engine lands. */
export async function loadConfiguredSigmaRules(): Promise<{ rules: SigmaRunnable[]; skipped: { source: string; reason: string }[] }> {
  return { rules: [], skipped: [] };
}
