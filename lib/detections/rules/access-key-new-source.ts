import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/** The baseline deviation kinds (lib/baselines/deviation-kinds.ts) that say "from somewhere new". */
const SOURCE_KINDS = ["ip", "asn", "country", "tool", "region"] as const;

/**
 * A long-term access key (AKIA…, of an IAM user or root) making the first call of its identity from a
 * new IP address, network, country, tool (user agent family) or region, as judged against the identity's
 * baseline (issue #10: events before the case's baseline end; the first event of each new value is
 * marked). Long-term keys are the ones that leak (code, laptops, CI logs) and are used from the thief's
 * machine; temporary keys change source by design and are left to the other rules. Without a baseline
 * (no incident window, or an identity first seen after it) there are no deviations and no hits.
 */
export const accessKeyNewSourceRule: EventRule = {
  kind: "event",
  id: "access-key-new-source",
  title: "Access key used from a new IP, tool or region",
  severity: "medium",
  family: "credential-misuse",
  description:
    "A long-term access key made its identity's first call from an IP address, network, country, tool or region absent from the identity's baseline. A leaked key used from the thief's own machine looks like this.",
  attack: ["T1078.004"],
  evidenceFields: ["userIdentity.accessKeyId", "userIdentity.arn", "sourceIPAddress", "userAgent", "awsRegion", "baseline deviations (ip, asn, country, tool, region)"],
  needs: { deviations: [...SOURCE_KINDS] },
  match(event) {
    const key = event.accessKeyId;
    if (key === null || !key.startsWith("AKIA") || actedByService(event)) return null;
    if (event.identityType !== "IAMUser" && event.identityType !== "Root") return null;
    const kinds = SOURCE_KINDS.filter((k) => event.deviations.includes(k));
    if (kinds.length === 0) return null;
    const what: string[] = [];
    if (kinds.includes("ip")) what.push(`IP ${clip(event.sourceIpAddress)}`);
    if (kinds.includes("asn")) what.push(`network ${event.sourceAsn !== null ? `AS${event.sourceAsn}` : "(unknown AS)"}`);
    if (kinds.includes("country")) what.push(`country ${clip(event.sourceCountry)}`);
    if (kinds.includes("tool")) what.push(`tool ${clip(event.tool ?? event.userAgent)}`);
    if (kinds.includes("region")) what.push(`region ${clip(event.awsRegion)}`);
    const failed = isFailedEvent(event);
    return {
      failedAttempt: failed,
      reason:
        `Key ${clip(key, 40)} of ${clip(event.principalArn ?? event.userName)} called ${clip(event.eventName)}` +
        `${failed ? ` (failed: ${clip(event.errorCode)})` : ""} from a new ${what.join(", new ")} (not in the identity's baseline).`,
    };
  },
};
