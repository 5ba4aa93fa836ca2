import type { Severity } from "@/lib/detections/rule-types";

export const FINDING_STATUSES = ["new", "confirmed", "false-positive"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A finding as pages, the CLI and the API show it. Principal, reason: attacker-controlled text. */
export type FindingItem = {
  id: string;
  ruleId: string;
  source: "builtin" | "sigma";
  title: string;
  severity: Severity;
  description: string;
  ruleAuthor: string | null;
  attack: string[];
  tactics: string[];
  evidenceFields: string[];
  principal: string;
  failedAttempt: boolean;
  reason: string;
  eventCount: number;
  /** Events added by re-runs since the last triage (0 when untriaged or unchanged). */
  newSinceTriage: number;
  firstAt: string | null;
  lastAt: string | null;
  status: FindingStatus;
  note: string;
  triagedBy: string | null;
  triagedAt: string | null;
  /** The events page listing exactly this finding's events. */
  eventsHref: string;
};

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, informational: 4 };
