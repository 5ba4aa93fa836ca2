import { trailKey } from "@/lib/detections/rules/trail-key";

/** What the window builder reads of a trail call. */
export type TrailCallFacts = {
  eventName: string;
  eventTime: Date | null;
  recipientAccountId: string | null;
  succeeded: boolean;
  requestParameters: unknown;
};

export type WindowFacts<E> = {
  trail: string | null;
  trailKey: string;
  opened: E;
  closed: E | null;
  deleted: boolean;
};

/** requestParameters.name (StopLogging, StartLogging, CreateTrail, UpdateTrail, DeleteTrail) or .trailName (Put*Selectors). */
export function trailNameOf(requestParameters: unknown): string | null {
  if (requestParameters === null || typeof requestParameters !== "object" || Array.isArray(requestParameters)) return null;
  const p = requestParameters as Record<string, unknown>;
  for (const key of ["name", "trailName"]) if (typeof p[key] === "string" && p[key] !== "") return p[key] as string;
  return null;
}

/**
 * Windows when a trail was not logging, from its calls in time order: a successful StopLogging or
 * DeleteTrail opens one (unless one is already open for that trail), the next successful StartLogging
 * on the same trail closes it; a DeleteTrail inside an open window marks it deleted. Failed calls and
 * undated ones change nothing. A trail is matched by `<account>/<name>` (trailKey), so a call naming it
 * by ARN and another by name meet. Pure.
 */
export function loggingWindows<E extends TrailCallFacts>(calls: readonly E[]): WindowFacts<E>[] {
  const open = new Map<string, WindowFacts<E>>();
  const windows: WindowFacts<E>[] = [];
  for (const call of calls) {
    if (!call.succeeded || call.eventTime === null) continue;
    const name = trailNameOf(call.requestParameters);
    const key = trailKey(name, call.recipientAccountId);
    if (key === null) continue;
    const current = open.get(key);
    if (call.eventName === "StopLogging" || call.eventName === "DeleteTrail") {
      if (current) {
        if (call.eventName === "DeleteTrail") current.deleted = true;
        continue;
      }
      const window: WindowFacts<E> = { trail: name, trailKey: key, opened: call, closed: null, deleted: call.eventName === "DeleteTrail" };
      open.set(key, window);
      windows.push(window);
    } else if (call.eventName === "StartLogging" && current) {
      current.closed = call;
      open.delete(key);
    }
  }
  return windows;
}
