import { stringAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

const LAMBDA_CHANGES: Readonly<Record<string, string>> = {
  CreateFunction: "function created",
  CreateFunction20150331: "function created",
  UpdateFunctionCode: "function code replaced",
  UpdateFunctionCode20150331: "function code replaced",
  UpdateFunctionCode20150331v2: "function code replaced",
};

/**
 * The baseline deviations that make an actor unusual for this rule, and the event attribute each one is
 * about: a later call with the same new value is still "unusual". `ip` and `hour` are left out (too common
 * on their own to make a Lambda change suspicious).
 */
const UNUSUAL: Readonly<Record<string, { label: string; valueOf: (e: DetectionEvent) => string | null }>> = {
  service: { label: "new to this service", valueOf: (e) => e.eventSource },
  tool: { label: "using a tool new for it", valueOf: (e) => e.tool },
  "console-to-cli": { label: "a console user now on the CLI/SDK", valueOf: (e) => e.tool },
  country: { label: "calling from a new country", valueOf: (e) => e.sourceCountry },
  asn: { label: "calling from a new network (ASN)", valueOf: (e) => (e.sourceAsn === null ? null : String(e.sourceAsn)) },
  region: { label: "working in a region new for it", valueOf: (e) => e.awsRegion },
};
const KINDS = Object.keys(UNUSUAL);

type Marker = { kind: string; value: string; event: DetectionEvent };

/** How long a new value keeps an identity "unusual": an intrusion session, not the rest of the evidence. */
const UNUSUAL_FOR_MS = 24 * 60 * 60 * 1000;

function isRecent(marker: Marker, event: DetectionEvent): boolean {
  if (marker.event === event) return true;
  const from = marker.event.eventTime?.getTime();
  const at = event.eventTime?.getTime();
  return from === undefined || at === undefined || (at >= from && at - from <= UNUSUAL_FOR_MS);
}

/**
 * A Lambda function created or its code replaced by an identity whose behaviour deviates from its baseline
 * (issue #10): the change itself carries one of the deviations above, or an earlier call of the same
 * identity introduced the same new value (first Lambda call, first use of this tool, this country …) in the
 * 24 hours before.
 * Without computed baselines no event carries deviations and this rule does not fire, by design: creating
 * functions is routine for deployers, only the unusual actor is a signal.
 */
export const lambdaChangedByUnusualActorRule: SequenceRule = {
  kind: "sequence",
  id: "lambda-changed-by-unusual-actor",
  title: "Lambda function created or code replaced by an unusual actor",
  severity: "medium",
  family: "persistence",
  description:
    "Backdooring or adding a Lambda function gives an attacker code that runs with the function's role on every trigger, long after their session ends. " +
    "Deployments are routine, so the rule fires only when the identity's baseline says the actor is unusual (new to Lambda, new tool, new country or network, new region).",
  attack: ["T1648"],
  evidenceFields: ["eventName", "requestParameters.functionName", "deviations", "eventSource", "userAgent (tool)", "sourceIPAddress (country, ASN)", "awsRegion", "errorCode"],
  needs: { eventNames: Object.keys(LAMBDA_CHANGES), deviations: KINDS },
  evaluate(events) {
    const markers = new Map<string, Marker[]>();
    const hits: SequenceHit[] = [];
    for (const event of events) {
      const principal = principalOf(event);
      for (const kind of event.deviations) {
        const unusual = UNUSUAL[kind];
        const value = unusual?.valueOf(event) ?? null;
        if (value === null) continue;
        const list = markers.get(principal) ?? [];
        list.push({ kind, value, event });
        markers.set(principal, list);
      }
      const change = event.eventName === null ? undefined : LAMBDA_CHANGES[event.eventName];
      if (change === undefined || event.eventSource !== "lambda.amazonaws.com") continue;
      const reasons = (markers.get(principal) ?? [])
        .filter((m) => UNUSUAL[m.kind]?.valueOf(event) === m.value && isRecent(m, event))
        .map((m) => {
          const where = m.event === event ? "this call" : `since ${m.event.eventName ?? "a call"} at ${m.event.eventTime?.toISOString() ?? "an unknown time"}`;
          return `${UNUSUAL[m.kind]?.label} (${m.kind}: ${quoteValue(m.value)}, ${where})`;
        });
      if (reasons.length === 0) continue;
      const fn = stringAt(event.record, "requestParameters.functionName") ?? stringAt(event.record, "responseElements.functionName");
      const outcome = attemptOutcome(event);
      hits.push({
        eventIds: [event.eventId],
        principal,
        failedAttempt: outcome.failedAttempt,
        reason: `Lambda ${change}: ${quoteValue(fn)} by an identity ${[...new Set(reasons)].join("; ")}${outcome.note}`,
      });
    }
    return hits;
  },
};
