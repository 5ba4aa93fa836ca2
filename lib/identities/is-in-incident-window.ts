import type { IncidentWindow } from "@/lib/identities/identity-kind";

/**
 * Whether `firstSeen` falls inside the case's incident window, bounds included (start ≤ t ≤ end).
 * A null bound is open (a window with only a start means "from then on"); a window with no bound at
 * all is no window, and nothing is in it. An unknown time (null) is never inside.
 */
export function isInIncidentWindow(window: IncidentWindow, firstSeen: Date | null): boolean {
  if (!firstSeen || (!window.start && !window.end)) return false;
  const t = firstSeen.getTime();
  if (window.start && t < window.start.getTime()) return false;
  if (window.end && t > window.end.getTime()) return false;
  return true;
}
