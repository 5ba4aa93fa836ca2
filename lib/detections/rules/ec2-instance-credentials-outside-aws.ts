import { classifyServiceSource } from "@/lib/context/classify-service-source";
import { parseIpAddress } from "@/lib/context/parse-ip-address";
import { isSpecialPurposeV4, isSpecialPurposeV6 } from "@/lib/context/special-purpose-ranges";
import { stringAt, type DetectionEvent } from "@/lib/detections/detection-event";
import { isFailedEvent, type EventRule } from "@/lib/detections/rule-types";
import { actedByService } from "@/lib/detections/rules/shared/acted-by-service";
import { clip } from "@/lib/detections/rules/shared/format-evidence";

/** EC2 instance ids: "i-" and 8 or 17 hexadecimal digits. */
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/i;

/** An assumed-role session that EC2 delivered to an instance (session named after the instance, or ec2RoleDelivery set). */
export function instanceSessionOf(event: DetectionEvent): string | null {
  if (event.identityType !== "AssumedRole") return null;
  const delivery = stringAt(event.record, "userIdentity.sessionContext.ec2RoleDelivery");
  if (event.sessionName !== null && INSTANCE_ID.test(event.sessionName)) return event.sessionName;
  return delivery !== null ? (event.sessionName ?? "(unnamed session)") : null;
}

/**
 * Why the call's source is not the instance, or null when it may be. sourceKind is resolved at ingest:
 * "public" is an address outside AWS; "aws" and "aws-service" are inside AWS. A "private" address is
 * the instance itself only through a VPC endpoint (CloudTrail then records `vpcEndpointId`): without
 * one, an instance reaches the AWS APIs from its public or NAT address (kind "aws"), so a private
 * source without an endpoint is another network (or an address rewritten by anonymisation); calls
 * with the user agent of an AWS agent on the host (tool "aws-agent") are not judged on that alone.
 * Fallback when the context was not resolved (sourceKind null): an IP address that is not in a
 * special-purpose range counts as outside, since nothing says it is AWS's; a service name never does.
 */
function outsideBecause(event: DetectionEvent): string | null {
  const ip = event.sourceIpAddress;
  if (ip === null || ip === "") return null;
  let kind = event.sourceKind;
  if (kind === null) {
    const parsed = parseIpAddress(ip);
    if (parsed === null) kind = classifyServiceSource(ip);
    else kind = (parsed.version === 4 ? isSpecialPurposeV4(parsed.v4) : isSpecialPurposeV6(parsed.words)) ? "private" : "unresolved";
  }
  const where = [event.sourceCountry, event.sourceAsn !== null ? `AS${event.sourceAsn}` : null].filter(Boolean).join(", ");
  if (kind === "public") return `public address ${clip(ip)} outside AWS${where ? ` (${where})` : ""}`;
  if (kind === "unresolved") return `address ${clip(ip)} (IP context not resolved, so not known to be AWS's)`;
  // The weaker signal: left out for AWS's own agents on the host (amazon-ssm-agent, CloudWatch agent).
  if (kind === "private" && stringAt(event.record, "vpcEndpointId") === null && event.tool !== "aws-agent") {
    return `private address ${clip(ip)} with no VPC endpoint (an instance's own calls come from its public or NAT address, or through an endpoint)`;
  }
  return null;
}

/**
 * Calls made with the temporary credentials EC2 hands an instance through its metadata service, from
 * somewhere that is not the instance. Credentials lifted through SSRF or from a compromised host are
 * used this way (GuardDuty's InstanceCredentialExfiltration.OutsideAWS). Calls an AWS service makes with
 * them (`invokedBy`) are left out. An attacker working from inside AWS (kind "aws") is not caught here.
 */
export const ec2InstanceCredentialsOutsideAwsRule: EventRule = {
  kind: "event",
  id: "ec2-instance-credentials-outside-aws",
  title: "EC2 instance credentials used outside the instance",
  severity: "high",
  family: "credential-misuse",
  description:
    "An EC2 instance role's temporary credentials were used from an address that is not the instance's: a public address outside AWS, or a private one with no VPC endpoint. Instance credentials stolen through the metadata service (SSRF, a compromised host) are used exactly like this.",
  attack: ["T1552.005", "T1078.004"],
  evidenceFields: [
    "userIdentity.arn",
    "userIdentity.sessionContext.ec2RoleDelivery",
    "userIdentity.accessKeyId",
    "userIdentity.invokedBy",
    "sourceIPAddress",
    "vpcEndpointId",
    "userAgent",
  ],
  needs: { identityTypes: ["AssumedRole"] },
  match(event) {
    const instance = instanceSessionOf(event);
    if (instance === null || actedByService(event)) return null;
    const because = outsideBecause(event);
    if (because === null) return null;
    const delivery = stringAt(event.record, "userIdentity.sessionContext.ec2RoleDelivery");
    const imds = delivery !== null ? `, delivered by IMDSv${delivery.startsWith("1") ? "1" : "2"}` : "";
    const failed = isFailedEvent(event);
    return {
      failedAttempt: failed,
      reason:
        `Credentials of instance ${clip(instance, 40)} (key ${clip(event.accessKeyId, 40)}${imds}) called ` +
        `${clip(event.eventName)}${failed ? ` (failed: ${clip(event.errorCode)})` : ""} from ${because}.`,
    };
  },
};
