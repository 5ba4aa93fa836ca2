import type { DetectionEvent } from "@/lib/detections/detection-event";
import { principalOf } from "@/lib/detections/rule-types";

/** One burst: the calls of one principal that fall in overlapping windows each holding at least the threshold. */
export type Burst = {
  principal: string;
  /** Oldest first. */
  events: DetectionEvent[];
  first: Date;
  last: Date;
};

export type BurstOptions = {
  windowMinutes: number;
  /** Calls (or distinct keys, with `distinctKey`) a window must hold; values below 1 count as 1. */
  threshold: number;
  /** When given, a window is measured by the number of distinct keys among its calls instead of its calls. */
  distinctKey?: (event: DetectionEvent) => string;
};

type Dated = { event: DetectionEvent; at: number };

/**
 * The bursts in a rule's events: per principal (principalOf), every window of `windowMinutes` that
 * starts at one of its calls and holds at least `threshold` calls qualifies, and qualifying windows that
 * overlap merge into one burst (so a long run of calls is one burst, not one per window). Events without
 * a time or a principal cannot be placed and are skipped. Bursts come out ordered by their first call.
 */
export function findBursts(events: readonly DetectionEvent[], options: BurstOptions): Burst[] {
  const windowMs = Math.max(0, options.windowMinutes) * 60_000;
  const threshold = Math.max(1, Math.floor(options.threshold));
  const byPrincipal = new Map<string, Dated[]>();
  for (const event of events) {
    const at = event.eventTime?.getTime();
    const principal = principalOf(event);
    if (at === undefined || Number.isNaN(at) || principal === "") continue;
    let list = byPrincipal.get(principal);
    if (!list) byPrincipal.set(principal, (list = []));
    list.push({ event, at });
  }
  const bursts: Burst[] = [];
  for (const [principal, list] of byPrincipal) {
    list.sort((a, b) => a.at - b.at);
    for (const [start, end] of qualifyingRuns(list, windowMs, threshold, options.distinctKey)) {
      const slice = list.slice(start, end + 1);
      bursts.push({ principal, events: slice.map((d) => d.event), first: new Date(slice[0]!.at), last: new Date(slice[slice.length - 1]!.at) });
    }
  }
  return bursts.sort((a, b) => a.first.getTime() - b.first.getTime() || a.principal.localeCompare(b.principal));
}

/** Index ranges [start, end] (inclusive) of merged qualifying windows, over calls sorted by time. */
function qualifyingRuns(list: readonly Dated[], windowMs: number, threshold: number, distinctKey?: (event: DetectionEvent) => string): [number, number][] {
  const runs: [number, number][] = [];
  const keys = new Map<string, number>();
  let end = 0; // exclusive end of the current window
  for (let start = 0; start < list.length; start++) {
    while (end < list.length && list[end]!.at - list[start]!.at <= windowMs) {
      if (distinctKey) {
        const key = distinctKey(list[end]!.event);
        keys.set(key, (keys.get(key) ?? 0) + 1);
      }
      end++;
    }
    const measure = distinctKey ? keys.size : end - start;
    if (measure >= threshold) {
      const last = runs[runs.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end - 1);
      else runs.push([start, end - 1]);
    }
    if (distinctKey) {
      const key = distinctKey(list[start]!.event);
      const left = (keys.get(key) ?? 1) - 1;
      if (left === 0) keys.delete(key);
      else keys.set(key, left);
    }
  }
  return runs;
}
