import type { DetectionEvent } from "@/lib/detections/detection-event";
import { isDeniedEvent, isFailedEvent, type SequenceRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { findBursts } from "@/lib/detections/rules/shared/find-bursts";
import { clip, formatSpan, listSome } from "@/lib/detections/rules/shared/format-evidence";

const PREFIXES = ["List", "Describe", "Get"] as const;

/** Get* calls that fetch content or credentials rather than describe what exists; other rules cover them. */
const NOT_DISCOVERY = new Set([
  "GetSecretValue",
  "GetPasswordData",
  "GetParameter",
  "GetParameters",
  "GetParametersByPath",
  "GetObject",
  "GetSessionToken",
  "GetFederationToken",
  "GetSigninToken",
  "GetAuthorizationToken",
  "GetCredentialsForIdentity",
]);

/** Tool families of pages and AWS itself, not of enumeration: the console, browsers, AWS's internal callers. */
const NOT_A_TOOL = new Set(["console", "browser", "aws-internal"]);

/**
 * Whether a call is enumeration by a person or a tool: a List*, Describe* or Get* API call that is
 * not a data event, not one of the content or credential reads in NOT_DISCOVERY (secrets, passwords,
 * objects and tokens have their own rules), not made by or through an AWS service, and not the
 * console's own page loads (a console session fires dozens of Describe calls per click: tool console
 * or browser, or `sessionCredentialFromConsole`).
 */
export function isDiscoveryCall(event: DetectionEvent): boolean {
  const name = event.eventName;
  if (name === null || !PREFIXES.some((p) => name.startsWith(p)) || NOT_DISCOVERY.has(name)) return false;
  if (event.eventCategory === "Data" || actedByService(event)) return false;
  if (event.tool !== null && NOT_A_TOOL.has(event.tool)) return false;
  const fromConsole = event.record.sessionCredentialFromConsole;
  return fromConsole !== true && fromConsole !== "true";
}

/**
 * Bursts of List/Describe/Get calls by one identity: at least `settings.discoveryBurst` calls within
 * `settings.burstWindowMinutes`, allowed or denied (a stolen key mapping what it can reach collects many
 * AccessDenied on the way). One hit per burst; overlapping windows merge. A burst of calls that all
 * failed is a failed attempt.
 */
export const discoveryBurstRule: SequenceRule = {
  kind: "sequence",
  partition: "principal",
  id: "discovery-burst",
  title: "Burst of List/Describe/Get calls",
  severity: "medium",
  family: "discovery",
  description:
    "One identity made many List, Describe or Get calls in a few minutes, outside the console: the enumeration of users, roles, policies, buckets and instances that follows a stolen credential. Denied calls in the burst show it probing its permissions. Threshold and window are case settings.",
  attack: ["T1580", "T1087.004"],
  evidenceFields: ["eventName", "eventSource", "userIdentity.arn", "errorCode", "eventTime", "userAgent", "sessionCredentialFromConsole"],
  needs: { eventNamePrefixes: [...PREFIXES] },
  evaluate(events, context) {
    const { burstWindowMinutes, discoveryBurst } = context.settings;
    return findBursts(events.filter(isDiscoveryCall), { windowMinutes: burstWindowMinutes, threshold: discoveryBurst }).map((burst) => {
      const denied = burst.events.filter(isDeniedEvent).length;
      const failed = burst.events.filter(isFailedEvent).length;
      const names = burst.events.map((e) => e.eventName);
      const distinct = new Set(names).size;
      return {
        eventIds: burst.events.map((e) => e.eventId),
        principal: burst.principal,
        failedAttempt: failed === burst.events.length,
        reason:
          `${burst.events.length} List/Describe/Get calls by ${clip(burst.principal)} in ${formatSpan(burst.last.getTime() - burst.first.getTime())} ` +
          `(threshold ${discoveryBurst} in ${burstWindowMinutes} min), ${denied} denied; ${distinct} distinct APIs: ${listSome(names, 8)}; ` +
          `from ${listSome(burst.events.map((e) => e.sourceIpAddress), 3)}.${failed === burst.events.length ? " Every call failed." : ""}`,
      };
    });
  },
};
