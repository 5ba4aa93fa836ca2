import type { RunnableRule } from "@/lib/findings/detection-rule-set";

/**
 * How an incremental detection run (new evidence files, same fingerprint) brings a rule's findings up
 * to date:
 * - "new-events": a stateless rule (built-in event rule, Sigma rule) judges only the new events; its
 *   hits are merged into the existing findings (event ids, counts, first/last time, reasons).
 * - "principals": a sequence rule partitioned by principal (bursts) is re-evaluated over ALL the needed
 *   events of the principals the new events touched; those principals' findings are replaced.
 * - "whole": any other sequence rule, and event rules that read baseline deviations (a new, older event
 *   can change which old event is "first from this IP"), is re-evaluated over all its needed events;
 *   its findings are replaced.
 */
export type IncrementalStrategy = "new-events" | "principals" | "whole";

export function incrementalStrategy(r: RunnableRule): IncrementalStrategy {
  if (r.source === "sigma") return "new-events";
  if (r.rule.kind === "event") return r.rule.needs.deviations?.length ? "whole" : "new-events";
  return r.rule.partition === "principal" ? "principals" : "whole";
}

/** The SQL twin of principalOf (lib/detections/rule-types.ts) over `events`. */
export const PRINCIPAL_SQL = "coalesce(events.principal_arn, events.invoked_by, events.user_name, '')";
