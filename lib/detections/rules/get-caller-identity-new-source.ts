import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/** The baseline deviation kinds (lib/baselines/deviation-kinds.ts) that say "from somewhere new". */
const SOURCE_KINDS = ["ip", "asn", "country", "tool"] as const;

/**
 * sts:GetCallerIdentity ("whoami") as its identity's first call from a new IP address, network,
 * country or tool, against the identity's baseline (issue #10). It needs no permission and is the
 * first thing an attacker, or a secret scanner such as TruffleHog, runs with a credential it found.
 * Without a baseline there are no deviations and no hits.
 */
export const getCallerIdentityNewSourceRule: EventRule = {
  kind: "event",
  id: "get-caller-identity-new-source",
  title: "GetCallerIdentity from a new source",
  severity: "medium",
  family: "discovery",
  description:
    "GetCallerIdentity, the call that tells a credential's holder whose credential it is, made from an IP, network, country or tool the identity had not used before. It is typically the first call made with a found or stolen key.",
  attack: ["T1087.004"],
  evidenceFields: ["eventName", "userIdentity.arn", "userIdentity.accessKeyId", "sourceIPAddress", "userAgent", "baseline deviations (ip, asn, country, tool)"],
  needs: { eventNames: ["GetCallerIdentity"] },
  match(event) {
    if (event.eventName !== "GetCallerIdentity" || actedByService(event)) return null;
    const kinds = SOURCE_KINDS.filter((k) => event.deviations.includes(k));
    if (kinds.length === 0) return null;
    const what: string[] = [];
    if (kinds.includes("ip")) what.push(`IP ${clip(event.sourceIpAddress)}`);
    if (kinds.includes("asn")) what.push(`network ${event.sourceAsn !== null ? `AS${event.sourceAsn}` : "(unknown AS)"}`);
    if (kinds.includes("country")) what.push(`country ${clip(event.sourceCountry)}`);
    if (kinds.includes("tool")) what.push(`tool ${clip(event.tool ?? event.userAgent)}`);
    return {
      failedAttempt: isFailedEvent(event),
      reason: `GetCallerIdentity by ${clip(event.principalArn ?? event.userName)} (key ${clip(event.accessKeyId, 40)}) from a new ${what.join(", new ")}.`,
    };
  },
};
