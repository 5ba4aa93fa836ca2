import { describe, expect, it } from "vitest";

import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";
import { securityMonitoringDisabledRule as rule } from "./security-monitoring-disabled";

if (!corpusAvailable) console.log("security-monitoring-disabled corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const call = (eventID: string, eventSource: string, eventName: string, requestParameters: unknown, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource, eventName, requestParameters, ...extra });

describe("security-monitoring-disabled", () => {
  it("fires on the disabling variant of a call and not on the enabling one", () => {
    const records = [
      call("gd-suspend", "guardduty.amazonaws.com", "UpdateDetector", { detectorId: "d", enable: false }),
      call("gd-enable", "guardduty.amazonaws.com", "UpdateDetector", { detectorId: "d", enable: true }),
      call("gd-feature", "guardduty.amazonaws.com", "UpdateDetector", { detectorId: "d", features: [{ name: "S3_DATA_EVENTS", status: "DISABLED" }, { name: "EKS_AUDIT_LOGS", status: "ENABLED" }] }),
      call("gd-archive", "guardduty.amazonaws.com", "CreateFilter", { detectorId: "d", name: "quiet", action: "ARCHIVE" }),
      call("gd-noop-filter", "guardduty.amazonaws.com", "CreateFilter", { detectorId: "d", name: "view", action: "NOOP" }),
      call("gd-ipset-off", "guardduty.amazonaws.com", "CreateIPSet", { detectorId: "d", activate: false }),
      call("waf-ipset", "wafv2.amazonaws.com", "UpdateIPSet", { Name: "x" }),
      call("sh-off", "securityhub.amazonaws.com", "DisableSecurityHub", {}),
      call("sh-control", "securityhub.amazonaws.com", "UpdateStandardsControl", { ControlStatus: "DISABLED" }),
      call("sh-suppress", "securityhub.amazonaws.com", "BatchUpdateFindings", { FindingIdentifiers: [{ Id: "f" }], Workflow: { Status: "SUPPRESSED" } }),
      call("sh-note", "securityhub.amazonaws.com", "BatchUpdateFindings", { FindingIdentifiers: [{ Id: "f" }], Note: { Text: "seen" } }),
      call("sh-archive", "securityhub.amazonaws.com", "UpdateFindings", { Filters: {}, RecordState: "ARCHIVED" }),
      call("cfg-stop", "config.amazonaws.com", "StopConfigurationRecorder", { configurationRecorderName: "default" }),
      call("aa-del", "access-analyzer.amazonaws.com", "DeleteAnalyzer", { analyzerName: "org" }),
      call("macie-pause", "macie2.amazonaws.com", "UpdateMacieSession", { status: "PAUSED" }),
      call("macie-freq", "macie2.amazonaws.com", "UpdateMacieSession", { findingPublishingFrequency: "SIX_HOURS" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.reason])).toEqual([
      ["gd-suspend", "UpdateDetector: GuardDuty detector suspended"],
      ["gd-feature", 'UpdateDetector: GuardDuty protection turned off: "S3_DATA_EVENTS"'],
      ["gd-archive", "CreateFilter: GuardDuty auto-archive filter created: matching findings are hidden"],
      ["sh-off", "DisableSecurityHub: Security Hub disabled"],
      ["sh-control", "UpdateStandardsControl: Security Hub control disabled"],
      ["sh-suppress", "BatchUpdateFindings: Security Hub findings suppressed (workflow status SUPPRESSED)"],
      ["sh-archive", "UpdateFindings: Security Hub findings archived"],
      ["cfg-stop", "StopConfigurationRecorder: AWS Config recorder stopped: resource configuration changes are no longer recorded"],
      ["aa-del", 'DeleteAnalyzer: IAM Access Analyzer "org" deleted: external access is no longer reported'],
      ["macie-pause", "UpdateMacieSession: Amazon Macie paused"],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("traildiscover: every denied attempt to switch GuardDuty, Security Hub or Config off, and nothing else", () => {
      const records = readCorpusRecords("traildiscover-log-examples");
      // Written independently of the rule's table: the disabling calls present in this folder.
      const disabling = new Set([
        "config.amazonaws.com DeleteConfigRule",
        "config.amazonaws.com DeleteConfigurationRecorder",
        "config.amazonaws.com DeleteDeliveryChannel",
        "config.amazonaws.com StopConfigurationRecorder",
        "guardduty.amazonaws.com CreateIPSet",
        "guardduty.amazonaws.com DeleteDetector",
        "guardduty.amazonaws.com DeleteMembers",
        "guardduty.amazonaws.com DeletePublishingDestination",
        "guardduty.amazonaws.com DisassociateFromMasterAccount",
        "guardduty.amazonaws.com DisassociateMembers",
        "guardduty.amazonaws.com StopMonitoringMembers",
        "securityhub.amazonaws.com DeleteMembers",
      ]);
      const expected = records.filter((r) => disabling.has(`${String(r.eventSource)} ${String(r.eventName)}`));
      expect(expected.length).toBe(12);
      expect(expected.every((r) => r.errorCode === "AccessDenied")).toBe(true);
      // Present but not disabling: UpdateDetector with enable true, DeleteInvitations, reads.
      expect(records.some((r) => r.eventName === "UpdateDetector" && (r.requestParameters as RawRecord).enable === true)).toBe(true);

      const hits = runRule(rule, toEvents(records), ctx);
      expect(hitIds(hits)).toEqual(expected.map((r) => String(r.eventID)).sort());
      expect(hits.every((h) => h.failedAttempt)).toBe(true);
      expect(hits.find((h) => h.eventIds[0] === "471bf9d1-494d-407b-8655-615d248be156")?.reason).toBe(
        'DeleteDetector: GuardDuty detector deleted: no more threat findings in this region — attempt denied ("AccessDenied")',
      );
      expect(hits.find((h) => h.eventIds[0] === "9be6b155-a2b7-4bc8-9eab-4aa0a821c9d9")?.reason).toBe(
        'DeleteMembers: member accounts removed from Security Hub ("TrailDiscoverAccountIds"): their findings stop reaching the administrator account — attempt denied ("AccessDenied")',
      );
    });

    it("invictus-ir and sans504 only read these services: no hit", () => {
      for (const source of ["invictus-ir-aws_dataset", "sans504-s3-ransomware-lab"]) {
        expect(runRule(rule, toEvents(readCorpusRecords(source)), ctx), source).toEqual([]);
      }
    });
  });
});
