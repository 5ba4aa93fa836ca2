import type { DeviationKind, SetDeviationKind } from "@/lib/baselines/deviation-kinds";

/**
 * identity_baselines.baseline as stored by compute-baselines.ts. Every value is a CloudTrail string
 * (attacker-controlled): render as React text only. ASNs are decimal strings.
 */
export type IdentityBaselineData = {
  /** The baseline is the identity's events before this instant (ISO); null: the whole evidence. */
  baselineEnd: string | null;
  /** The case's time zone the local hours are in. */
  timeZone: string;
  /** Distinct values seen in the baseline, sorted by code unit; a dimension never seen is []. */
  sets: Record<SetDeviationKind, string[]>;
  /**
   * Usual hours of day (0–23): hours holding ≥ 5% of the identity's dated baseline events, plus their
   * neighbours; null when the baseline has fewer than 20 dated events (then no hour deviations).
   */
  hours: { utc: number[]; local: number[] } | null;
  /** Baseline events with an eventTime (the base of the hour shares). */
  datedEvents: number;
};

/** One kind's detail in event_deviations.details. */
export type DeviationDetail =
  /** country, asn, ip, tool, region, service: the new value. */
  | { value: string }
  /** hour: the event's hour in the case's time zone and in UTC. */
  | { hourLocal: number; hourUtc: number; timeZone: string }
  /** console-to-cli: the new tool and the identity's baseline tools. */
  | { value: string; baseline: string[] };

export type EventDeviationDetails = Partial<Record<DeviationKind, DeviationDetail>>;
