import { tacticsOf } from "@/lib/detections/attack";
import type { DetectionEvent } from "@/lib/detections/detection-event";
import type { RunnableRule } from "@/lib/findings/detection-rule-set";
import type { FindingDraft } from "@/lib/findings/upsert-findings";

/** Event ids kept on one finding (its count stays exact beyond it). */
export const MAX_FINDING_EVENTS = 100_000;

/** Reasons kept on one finding (the first distinct ones, oldest first). */
export const MAX_FINDING_REASONS = 3;

/** What identifies a finding within its case (the findings table's unique key without the case). */
export function findingKey(f: { ruleId: string; principal: string; failedAttempt: boolean }): string {
  return `${f.ruleId}\u0000${f.principal}\u0000${f.failedAttempt}`;
}

export type DraftCollector = {
  /** Adds a rule's hit on `events` to the finding keyed rule × principal × failed-or-not. */
  hit(r: RunnableRule, principal: string, failedAttempt: boolean, reason: string, events: readonly DetectionEvent[]): void;
  drafts(): FindingDraft[];
};

/** Groups a run's hits into finding drafts, one per rule × principal × failed-or-not. */
export function createDraftCollector(): DraftCollector {
  const drafts = new Map<string, FindingDraft>();
  return {
    hit(r, principal, failedAttempt, reason, events) {
      const key = findingKey({ ruleId: r.rule.id, principal, failedAttempt });
      let draft = drafts.get(key);
      if (!draft) {
        const attack = [...r.rule.attack];
        draft = {
          ruleId: r.rule.id,
          source: r.source,
          title: r.rule.title,
          severity: r.rule.severity,
          description: r.rule.description,
          ruleAuthor: r.source === "sigma" ? r.rule.author : null,
          attack,
          tactics: [...new Set(r.source === "sigma" && r.rule.tactics.length ? r.rule.tactics : attack.flatMap((t) => tacticsOf(t)))],
          evidenceFields: [...r.rule.evidenceFields],
          principal,
          failedAttempt,
          reasons: [],
          eventIds: [],
          eventCount: 0,
          firstAt: null,
          lastAt: null,
        };
        drafts.set(key, draft);
      }
      if (draft.reasons.length < MAX_FINDING_REASONS && !draft.reasons.includes(reason)) draft.reasons.push(reason);
      for (const e of events) {
        draft.eventCount++;
        if (draft.eventIds.length < MAX_FINDING_EVENTS) draft.eventIds.push(e.eventId);
        if (e.eventTime) {
          if (!draft.firstAt || e.eventTime < draft.firstAt) draft.firstAt = e.eventTime;
          if (!draft.lastAt || e.eventTime > draft.lastAt) draft.lastAt = e.eventTime;
        }
      }
    },
    drafts: () => [...drafts.values()],
  };
}
