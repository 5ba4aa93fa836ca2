import type { DetectionEvent } from "@/lib/detections/detection-event";

/** `invokedBy` values that mean a person in the console, not a service (older records name the sign-in service). */
const CONSOLE_INVOKERS = new Set(["signin.amazonaws.com", "console.amazonaws.com"]);

/**
 * Whether an AWS service made the call, for itself or on the identity's behalf: an AWSService identity,
 * or `userIdentity.invokedBy` naming a service. Older trails put "signin.amazonaws.com" there for a
 * person's console session; that is the person acting, not a service.
 */
export function actedByService(event: DetectionEvent): boolean {
  if (event.identityType === "AWSService") return true;
  return event.invokedBy !== null && event.invokedBy !== "" && !CONSOLE_INVOKERS.has(event.invokedBy.toLowerCase());
}
