import type { z } from "zod";
import type { ZApiFinding } from "@/lib/api/api-schemas";
import type { FindingItem } from "@/lib/findings/finding-item";

/** A finding as `GET /api/v1/cases/{id}/findings` and `trailbench findings --json` (lib/cli/detect-command.ts) print it: the keys first, in its order. */
export function toApiFinding(f: FindingItem & { eventIds?: string[] }): z.output<typeof ZApiFinding> {
  return {
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    attack: f.attack,
    source: f.source,
    status: f.status,
    failedAttempt: f.failedAttempt,
    eventIds: f.eventIds ?? [],
    id: f.id,
    principal: f.principal,
    reason: f.reason,
    tactics: f.tactics,
    eventCount: f.eventCount,
    firstAt: f.firstAt,
    lastAt: f.lastAt,
    note: f.note,
  };
}
