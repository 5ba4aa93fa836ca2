import { valuesAt } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

/** What each deletion removes, keyed `<eventSource> <eventName>`; the id path names the deleted configuration. */
const DELETIONS: Readonly<Record<string, { what: string; idPaths: readonly string[] }>> = {
  "ec2.amazonaws.com DeleteFlowLogs": {
    what: "VPC flow logs deleted: network connections are no longer recorded",
    idPaths: ["requestParameters.DeleteFlowLogsRequest.FlowLogId.content", "requestParameters.DeleteFlowLogsRequest.FlowLogId", "requestParameters.flowLogIds"],
  },
  "route53resolver.amazonaws.com DeleteResolverQueryLogConfig": {
    what: "Route 53 Resolver DNS query logging configuration deleted: DNS lookups are no longer recorded",
    idPaths: ["requestParameters.resolverQueryLogConfigId"],
  },
  "route53resolver.amazonaws.com DisassociateResolverQueryLogConfig": {
    what: "Route 53 Resolver DNS query logging detached from a VPC: that VPC's DNS lookups are no longer recorded",
    idPaths: ["requestParameters.resolverQueryLogConfigId"],
  },
};

/** VPC flow logs and DNS query logs deleted: the network-side evidence next to CloudTrail. */
export const networkLoggingDeletedRule: EventRule = {
  kind: "event",
  id: "network-logging-deleted",
  title: "VPC flow logs or DNS query logging deleted",
  severity: "medium",
  family: "anti-forensics",
  description:
    "Flow logs and Resolver query logs are the network evidence that shows exfiltration and command-and-control traffic; deleting them blinds that view. " +
    "Denied or failed attempts fire too and say so.",
  attack: ["T1562.008"],
  evidenceFields: [
    "eventSource",
    "eventName",
    "requestParameters.DeleteFlowLogsRequest.FlowLogId",
    "requestParameters.resolverQueryLogConfigId",
    "errorCode",
    "userIdentity.arn",
  ],
  needs: { eventNames: ["DeleteFlowLogs", "DeleteResolverQueryLogConfig", "DisassociateResolverQueryLogConfig"] },
  match(event) {
    const deletion = DELETIONS[`${event.eventSource} ${event.eventName}`];
    if (!deletion) return null;
    const ids = deletion.idPaths
      .map((p) => valuesAt(event.record, p).filter((v): v is string => typeof v === "string"))
      .find((list) => list.length > 0) ?? [];
    const named = ids.length === 0 ? "(id not recorded)" : ids.slice(0, 5).map(quoteValue).join(", ") + (ids.length > 5 ? ` and ${ids.length - 5} more` : "");
    const outcome = attemptOutcome(event);
    return { failedAttempt: outcome.failedAttempt, reason: `${deletion.what}: ${named}${outcome.note}` };
  },
};
