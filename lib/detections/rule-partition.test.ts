// A sequence rule that claims `partition: "principal"` lets an incremental detection run re-evaluate
// only the principals new events touched (lib/findings/incremental-plan.ts). The claim is checked here
// on real records: evaluated over all events or principal by principal, the rule gives the same hits, and
// every hit is about the principal of each of its events. Thresholds are lowered so bursts occur.
import { describe, expect, it } from "vitest";
import type { DetectionEvent } from "@/lib/detections/detection-event";
import { BUILTIN_RULES } from "@/lib/detections/registry";
import { DEFAULT_DETECTION_SETTINGS, principalOf, type DetectionContext, type SequenceRule } from "@/lib/detections/rule-types";
import { corpusAvailable, readCorpusRecords, toEvents } from "@/lib/detections/rules/rule-test-kit";
import { eventMeetsNeeds } from "@/lib/findings/needs-sql";

const SOURCES = ["invictus-ir-aws_dataset", "sans504-s3-ransomware-lab", "stratus-red-team-detonation-logs", "otrf-security-datasets"];
const PARTITIONED = BUILTIN_RULES.filter((r): r is SequenceRule => r.kind === "sequence" && r.partition === "principal");
const CONTEXT: DetectionContext = {
  caseAccountIds: new Set(),
  usedRegions: new Set(),
  settings: { ...DEFAULT_DETECTION_SETTINGS, discoveryBurst: 5, getObjectBurst: 3, secretsBurst: 2, massDeletion: 3 },
};

const byTime = (a: DetectionEvent, b: DetectionEvent) =>
  (a.eventTime?.getTime() ?? Infinity) - (b.eventTime?.getTime() ?? Infinity) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
const key = (h: { principal: string | null; failedAttempt: boolean; eventIds: string[]; reason: string }) =>
  `${h.principal}|${h.failedAttempt}|${h.eventIds.join(",")}|${h.reason}`;

describe("rules partitioned by principal", () => {
  it("are the four burst rules", () => {
    expect(PARTITIONED.map((r) => r.id).sort()).toEqual(["discovery-burst", "mass-deletion", "s3-get-object-burst", "secrets-manager-burst"]);
  });

  it.skipIf(!corpusAvailable)("give the same hits over all events as principal by principal, each about its events' principal", () => {
    const events = SOURCES.flatMap((s) => toEvents(readCorpusRecords(s))).sort(byTime);
    let hits = 0;
    for (const rule of PARTITIONED) {
      const needed = events.filter((e) => eventMeetsNeeds(rule.needs, e));
      const whole = rule.evaluate(needed, CONTEXT);
      const byPrincipal = new Map<string, DetectionEvent[]>();
      for (const e of needed) byPrincipal.set(principalOf(e), [...(byPrincipal.get(principalOf(e)) ?? []), e]);
      const split = [...byPrincipal.values()].flatMap((list) => rule.evaluate(list, CONTEXT));
      expect(split.map(key).sort(), rule.id).toEqual(whole.map(key).sort());
      const ids = new Map(needed.map((e) => [e.eventId, e]));
      for (const h of whole) for (const id of h.eventIds) expect(principalOf(ids.get(id)!), rule.id).toBe(h.principal);
      hits += whole.length;
    }
    // The check is only worth something if the rules fired.
    expect(hits).toBeGreaterThan(10);
  });
});
if (!corpusAvailable) console.log("corpus absent: skipping the partition check on real records");
