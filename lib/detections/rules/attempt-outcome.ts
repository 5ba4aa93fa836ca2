import type { DetectionEvent } from "@/lib/detections/detection-event";
import { isDeniedEvent, isFailedEvent } from "@/lib/detections/rule-types";

import { quoteValue } from "./quote-value";

export type AttemptOutcome = {
  failedAttempt: boolean;
  /** Appended to a reason: "" on success, else " — attempt denied (AccessDenied)" or " — attempt failed: <code>". */
  note: string;
};

/**
 * Whether a call failed, worded for a reason. Failed attempts fire too: a denied StopLogging is a stolen
 * key testing its limits, and a failed one (trail not found) still shows intent.
 */
export function attemptOutcome(event: DetectionEvent): AttemptOutcome {
  if (!isFailedEvent(event)) return { failedAttempt: false, note: "" };
  const code = quoteValue(event.errorCode);
  return { failedAttempt: true, note: isDeniedEvent(event) ? ` — attempt denied (${code})` : ` — attempt failed: ${code}` };
}
