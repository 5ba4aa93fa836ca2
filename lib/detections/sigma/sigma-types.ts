/**
 * What the Sigma engine hands to the detection run: rules compiled from an admin-configured folder of
 * Sigma YAML (`logsource: product aws, service cloudtrail`), and the rules it refused with the reason.
 * A rule is never silently dropped: anything the subset cannot evaluate exactly becomes a SkippedSigmaRule.
 * Every string here comes from a rule file: plain text, rendered as React text only.
 */
import type { DetectionEvent } from "@/lib/detections/detection-event";
import type { RuleNeeds, Severity } from "@/lib/detections/rule-types";

export type CompiledSigmaRule = {
  kind: "compiled";
  /** The rule's own `id` (a UUID in SigmaHQ); findings are keyed on it. */
  id: string;
  title: string;
  level: Severity;
  /** stable, test, experimental, deprecated, unsupported … as written; null when absent. */
  status: string | null;
  description: string;
  /** Kept with every match: the Detection Rule License asks that matches keep the rule's author. */
  author: string;
  tags: readonly string[];
  /** Technique ids from `attack.tNNNN(.NNN)` tags, upper-cased: ["T1078.004"]. */
  attack: readonly string[];
  /** Tactic slugs from the other `attack.<tactic>` tags, `_` written as `-`: ["initial-access", "stealth"]. */
  tactics: readonly string[];
  references: readonly string[];
  falsepositives: readonly string[];
  /** The rule file, relative to the configured folder (or whatever the caller passed). */
  source: string;
  /** Which events the run must select for this rule; `all` when no eventName/eventSource is required. */
  needs: RuleNeeds;
  /** Why `needs` is what it is, for the rule list ("every event: …" when `all`). */
  needsReason: string;
  /**
   * The detection section and the placeholder values it was compiled with, as JSON: what the rule
   * matches. The incremental detection run's fingerprint includes it (an edited rule re-runs in full).
   */
  logic: string;
  /** Evaluates the rule's detection on the whole CloudTrail record of one event. */
  match(event: DetectionEvent): boolean;
};

export type SkippedSigmaRule = {
  kind: "skipped";
  source: string;
  id?: string;
  title?: string;
  /** Plain text: which feature is missing or what is wrong with the file. */
  reason: string;
};

export type SigmaCompileOptions = {
  /**
   * Values for `|expand` placeholders (`%Legitimate_IP_Ranges%` → a list of values, OR-ed). A rule that
   * uses a placeholder without configured values is skipped, as the Sigma specification requires.
   */
  placeholders?: Readonly<Record<string, readonly string[]>>;
};

export type SigmaFolder = { compiled: CompiledSigmaRule[]; skipped: SkippedSigmaRule[] };

/** A CloudTrail record as the matcher sees it (attacker-controlled JSON). */
export type SigmaRecord = Readonly<Record<string, unknown>>;
export type SigmaPredicate = (record: SigmaRecord) => boolean;

/** Thrown while compiling; becomes a SkippedSigmaRule with this message as the reason. */
export class SigmaRuleError extends Error {
  override name = "SigmaRuleError";
}
