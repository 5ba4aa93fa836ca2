import type { DetectionEvent } from "@/lib/detections/detection-event";
import type { BuiltinRule, DetectionContext, RuleNeeds, Severity } from "@/lib/detections/rule-types";

/**
 * A rule as the detection run sees it, whatever its source: a built-in rule as is, or a compiled Sigma
 * rule adapted (its level as severity, its tags as ATT&CK, every hit its own event; a Sigma hit on a
 * call that failed is a failed attempt).
 */
export type RunnableRule =
  | { source: "builtin"; rule: BuiltinRule }
  | {
      source: "sigma";
      rule: {
        id: string;
        title: string;
        severity: Severity;
        description: string;
        author: string | null;
        attack: readonly string[];
        tactics: readonly string[];
        evidenceFields: readonly string[];
        needs: RuleNeeds;
        /** CompiledSigmaRule.logic: what the rule matches, for the detection fingerprint. */
        logic: string;
        kind: "sigma";
        match(event: DetectionEvent, context: DetectionContext): boolean;
      };
    };

export type RuleInfo = {
  id: string;
  source: "builtin" | "sigma";
  title: string;
  severity: Severity;
  description: string;
  author: string | null;
  attack: readonly string[];
  tactics: readonly string[];
  evidenceFields: readonly string[];
};
