import { stringAt, valuesAt, type DetectionEvent } from "@/lib/detections/detection-event";
import type { EventRule } from "@/lib/detections/rule-types";

import { attemptOutcome } from "./attempt-outcome";
import { quoteValue } from "./quote-value";

type Describe = (event: DetectionEvent) => string | null;

const GD = "guardduty.amazonaws.com";
const SH = "securityhub.amazonaws.com";
const CONFIG = "config.amazonaws.com";
const AA = "access-analyzer.amazonaws.com";
const MACIE = "macie2.amazonaws.com";

const always = (text: string): Describe => () => text;
const isOff = (v: unknown) => v === false || v === "false";
const accounts = (e: DetectionEvent) => {
  const ids = [...valuesAt(e.record, "requestParameters.accountIds"), ...valuesAt(e.record, "requestParameters.AccountIds")].filter((v) => typeof v === "string");
  return ids.length === 0 ? "" : ` (${ids.slice(0, 5).map((v) => quoteValue(v as string)).join(", ")}${ids.length > 5 ? ` and ${ids.length - 5} more` : ""})`;
};
const membersRemoved = (service: string): Describe => (e) => `member accounts removed from ${service}${accounts(e)}: their findings stop reaching the administrator account`;
const leftAdministrator = (service: string): Describe => () => `this account left its ${service} administrator account: its findings stop reaching the security team`;

function guardDutyDetectorUpdate(e: DetectionEvent): string | null {
  if (isOff(valuesAt(e.record, "requestParameters.enable")[0])) return "GuardDuty detector suspended";
  const disabled = valuesAt(e.record, "requestParameters.features")
    .filter((f): f is Record<string, unknown> => f !== null && typeof f === "object" && (f as Record<string, unknown>).status === "DISABLED")
    .map((f) => String(f.name));
  const sources = ["s3Logs", "kubernetes.auditLogs", "malwareProtection.scanEc2InstanceWithFindings.ebsVolumes"].filter((path) =>
    isOff(valuesAt(e.record, `requestParameters.dataSources.${path}.enable`)[0]),
  );
  const off = [...disabled, ...sources];
  return off.length === 0 ? null : `GuardDuty protection turned off: ${off.map(quoteValue).join(", ")}`;
}

/** The calls that switch a detective control off or hide its output, keyed `<eventSource> <eventName>`; null: this call did not. */
const DISABLING: Readonly<Record<string, Describe>> = {
  [`${GD} DeleteDetector`]: always("GuardDuty detector deleted: no more threat findings in this region"),
  [`${GD} UpdateDetector`]: guardDutyDetectorUpdate,
  [`${GD} DisassociateFromMasterAccount`]: leftAdministrator("GuardDuty"),
  [`${GD} DisassociateFromAdministratorAccount`]: leftAdministrator("GuardDuty"),
  [`${GD} DisassociateMembers`]: membersRemoved("GuardDuty"),
  [`${GD} DeleteMembers`]: membersRemoved("GuardDuty"),
  [`${GD} StopMonitoringMembers`]: membersRemoved("GuardDuty monitoring"),
  [`${GD} DeletePublishingDestination`]: always("GuardDuty findings export destination deleted"),
  [`${GD} DisableOrganizationAdminAccount`]: always("GuardDuty delegated administrator removed"),
  [`${GD} CreateFilter`]: (e) => (stringAt(e.record, "requestParameters.action") === "ARCHIVE" ? "GuardDuty auto-archive filter created: matching findings are hidden" : null),
  [`${GD} UpdateFilter`]: (e) => (stringAt(e.record, "requestParameters.action") === "ARCHIVE" ? "GuardDuty filter set to auto-archive: matching findings are hidden" : null),
  [`${GD} CreateIPSet`]: (e) =>
    isOff(valuesAt(e.record, "requestParameters.activate")[0]) ? null : "GuardDuty trusted IP list created: no findings for traffic from those addresses",
  [`${GD} UpdateIPSet`]: (e) =>
    isOff(valuesAt(e.record, "requestParameters.activate")[0]) ? null : "GuardDuty trusted IP list changed: no findings for traffic from those addresses",
  [`${SH} DisableSecurityHub`]: always("Security Hub disabled"),
  [`${SH} BatchDisableStandards`]: always("Security Hub standards disabled"),
  [`${SH} DisableImportFindingsForProduct`]: always("Security Hub stopped importing findings from an integrated product"),
  [`${SH} UpdateStandardsControl`]: (e) => (stringAt(e.record, "requestParameters.ControlStatus") === "DISABLED" ? "Security Hub control disabled" : null),
  [`${SH} BatchUpdateFindings`]: (e) =>
    stringAt(e.record, "requestParameters.Workflow.Status") === "SUPPRESSED" ? "Security Hub findings suppressed (workflow status SUPPRESSED)" : null,
  [`${SH} UpdateFindings`]: (e) => (stringAt(e.record, "requestParameters.RecordState") === "ARCHIVED" ? "Security Hub findings archived" : null),
  [`${SH} DisassociateMembers`]: membersRemoved("Security Hub"),
  [`${SH} DeleteMembers`]: membersRemoved("Security Hub"),
  [`${SH} DisassociateFromMasterAccount`]: leftAdministrator("Security Hub"),
  [`${SH} DisassociateFromAdministratorAccount`]: leftAdministrator("Security Hub"),
  [`${SH} DisableOrganizationAdminAccount`]: always("Security Hub delegated administrator removed"),
  [`${CONFIG} StopConfigurationRecorder`]: always("AWS Config recorder stopped: resource configuration changes are no longer recorded"),
  [`${CONFIG} DeleteConfigurationRecorder`]: always("AWS Config recorder deleted: resource configuration changes are no longer recorded"),
  [`${CONFIG} DeleteDeliveryChannel`]: always("AWS Config delivery channel deleted: configuration history is no longer delivered"),
  [`${CONFIG} DeleteConfigRule`]: (e) => `AWS Config rule ${quoteValue(stringAt(e.record, "requestParameters.configRuleName"))} deleted`,
  [`${AA} DeleteAnalyzer`]: (e) => `IAM Access Analyzer ${quoteValue(stringAt(e.record, "requestParameters.analyzerName"))} deleted: external access is no longer reported`,
  [`${AA} CreateArchiveRule`]: always("IAM Access Analyzer archive rule created: matching findings are archived automatically"),
  [`${AA} UpdateArchiveRule`]: always("IAM Access Analyzer archive rule changed: matching findings are archived automatically"),
  [`${MACIE} DisableMacie`]: always("Amazon Macie disabled"),
  [`${MACIE} UpdateMacieSession`]: (e) => (stringAt(e.record, "requestParameters.status") === "PAUSED" ? "Amazon Macie paused" : null),
  ["inspector2.amazonaws.com Disable"]: always("Amazon Inspector disabled"),
  ["detective.amazonaws.com DeleteGraph"]: always("Amazon Detective behaviour graph deleted"),
};

const EVENT_NAMES = [...new Set(Object.keys(DISABLING).map((k) => k.slice(k.indexOf(" ") + 1)))].sort();

/** GuardDuty, Security Hub, Config, IAM Access Analyzer, Macie, Inspector or Detective switched off, or their findings suppressed. */
export const securityMonitoringDisabledRule: EventRule = {
  kind: "event",
  id: "security-monitoring-disabled",
  title: "Security monitoring service disabled or suppressed",
  severity: "high",
  family: "anti-forensics",
  description:
    "GuardDuty, Security Hub, AWS Config, IAM Access Analyzer and their peers are how an account notices an intrusion; deleting a detector, stopping a " +
    "recorder, leaving the administrator account or auto-archiving findings silences them. Denied or failed attempts fire too and say so.",
  attack: ["T1562.001"],
  evidenceFields: [
    "eventSource",
    "eventName",
    "requestParameters.enable",
    "requestParameters.features",
    "requestParameters.action",
    "requestParameters.activate",
    "requestParameters.accountIds",
    "requestParameters.status",
    "requestParameters.Workflow.Status",
    "requestParameters.RecordState",
    "errorCode",
  ],
  needs: { eventNames: EVENT_NAMES },
  match(event) {
    const describe = DISABLING[`${event.eventSource} ${event.eventName}`];
    const what = describe?.(event) ?? null;
    if (what === null) return null;
    const outcome = attemptOutcome(event);
    return { failedAttempt: outcome.failedAttempt, reason: `${event.eventName}: ${what}${outcome.note}` };
  },
};
