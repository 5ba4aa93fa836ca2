import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, principalOf, type SequenceHit, type SequenceRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";
import { trailKey } from "./trail-key";

type Json = Record<string, unknown>;
const objects = (values: unknown[]): Json[] => values.filter((v): v is Json => v !== null && typeof v === "object" && !Array.isArray(v));
const strings = (values: unknown[]): string[] => values.filter((v): v is string => typeof v === "string");
const list = (items: readonly string[]) => items.slice(0, 5).map(quoteValue).join(", ") + (items.length > 5 ? ` and ${items.length - 5} more` : "");

/** What basic `eventSelectors` lose of management-event coverage (the events every investigation starts from). */
function basicSelectorLosses(selectors: Json[]): string[] {
  const management = selectors.filter((s) => s.includeManagementEvents !== false && s.includeManagementEvents !== "false");
  if (management.length === 0) return ["management events are no longer logged"];
  const out: string[] = [];
  const rw = new Set(management.map((s) => (typeof s.readWriteType === "string" ? s.readWriteType : "All")));
  if (!rw.has("All") && !(rw.has("ReadOnly") && rw.has("WriteOnly"))) {
    out.push(rw.has("ReadOnly") ? "only read-only management events are logged (every write is dropped)" : "only write management events are logged (reads, e.g. reconnaissance, are dropped)");
  }
  const excluded = [...new Set(management.flatMap((s) => strings(valuesAt(s, "excludeManagementEventSources"))))];
  if (excluded.length > 0) out.push(`management events of ${list(excluded)} are excluded`);
  return out;
}

/** The same judgement for `advancedEventSelectors` (field selectors on eventCategory, readOnly, eventSource). */
function advancedSelectorLosses(selectors: Json[]): string[] {
  const management = selectors.filter((s) =>
    objects(valuesAt(s, "fieldSelectors")).some((f) => f.field === "eventCategory" && strings(valuesAt(f, "equals")).includes("Management")),
  );
  if (management.length === 0) return ["management events are no longer logged (no advanced selector keeps them)"];
  const out: string[] = [];
  const readOnlyOnly = management.every((s) =>
    objects(valuesAt(s, "fieldSelectors")).some((f) => f.field === "readOnly" && strings(valuesAt(f, "equals")).join() === "true"),
  );
  if (readOnlyOnly) out.push("only read-only management events are logged (every write is dropped)");
  const excluded = management.flatMap((s) =>
    objects(valuesAt(s, "fieldSelectors"))
      .filter((f) => f.field === "eventSource")
      .flatMap((f) => [...strings(valuesAt(f, "notEquals")), ...strings(valuesAt(f, "notStartsWith"))]),
  );
  if (excluded.length > 0) out.push(`management events of ${list([...new Set(excluded)])} are excluded`);
  return out;
}

function eventSelectorLosses(event: DetectionEvent): string[] | null {
  const params = objects(valuesAt(event.record, "requestParameters"))[0];
  if (params === undefined) return null;
  if (Object.hasOwn(params, "advancedEventSelectors")) return advancedSelectorLosses(objects(valuesAt(params, "advancedEventSelectors")));
  if (Object.hasOwn(params, "eventSelectors")) return basicSelectorLosses(objects(valuesAt(params, "eventSelectors")));
  return null;
}

const insightTypesOf = (event: DetectionEvent) => strings(valuesAt(event.record, "requestParameters.insightSelectors.insightType"));

/**
 * PutEventSelectors / PutInsightSelectors that reduce what a trail records. Event selectors are judged on
 * their own: no management events, read-only or write-only management events, or excluded event sources.
 * Insight selectors are judged against the trail's earlier insight selectors in the evidence: types removed
 * fire; an empty list fires when the trail's earlier state is unknown (trail not created in the evidence),
 * and not when the trail was created in the evidence without Insights (nothing was turned off).
 */
export const cloudtrailSelectorsReducedRule: SequenceRule = {
  kind: "sequence",
  id: "cloudtrail-selectors-reduced",
  title: "CloudTrail event or Insights selectors reduced",
  severity: "high",
  family: "anti-forensics",
  description:
    "Event selectors decide which calls a trail records: excluding management events, keeping only reads, or excluding event sources blinds the trail " +
    "while it still shows as logging. Turning Insights off removes the anomaly alerts on API call rates. Denied or failed attempts fire too and say so.",
  attack: ["T1562.008"],
  evidenceFields: [
    "eventName",
    "requestParameters.trailName",
    "requestParameters.eventSelectors",
    "requestParameters.advancedEventSelectors",
    "requestParameters.insightSelectors",
    "errorCode",
  ],
  needs: { eventNames: ["PutEventSelectors", "PutInsightSelectors", "CreateTrail"] },
  evaluate(events) {
    const created = new Set<string>();
    for (const e of events) {
      const key = trailKey(stringAt(e.record, "requestParameters.name"), e.recipientAccountId);
      if (e.eventName === "CreateTrail" && key !== null && !isFailedEvent(e)) created.add(key);
    }
    const insights = new Map<string, string[]>();
    const hits: SequenceHit[] = [];
    for (const event of events) {
      if (event.eventSource !== "cloudtrail.amazonaws.com") continue;
      const trail = stringAt(event.record, "requestParameters.trailName");
      const key = trailKey(trail, event.recipientAccountId);
      const outcome = attemptOutcome(event);
      let losses: string[] = [];
      if (event.eventName === "PutEventSelectors") {
        const judged = eventSelectorLosses(event);
        losses = judged ?? (outcome.failedAttempt ? ["requested selectors not recorded"] : []);
      } else if (event.eventName === "PutInsightSelectors") {
        const types = insightTypesOf(event);
        const before = key === null ? undefined : insights.get(key);
        const removed = before?.filter((t) => !types.includes(t)) ?? [];
        if (removed.length > 0) losses = [`Insights ${list(removed)} turned off`];
        else if (before === undefined && types.length === 0 && (key === null || !created.has(key))) {
          losses = ["Insights turned off (the trail's earlier Insights setting is not in the evidence)"];
        }
        if (key !== null && !outcome.failedAttempt) insights.set(key, types);
      }
      if (losses.length === 0) continue;
      hits.push({
        eventIds: [event.eventId],
        principal: principalOf(event),
        failedAttempt: outcome.failedAttempt,
        reason: `${event.eventName} on trail ${quoteValue(trail)}: ${losses.join("; ")}${outcome.note}`,
      });
    }
    return hits;
  },
};
