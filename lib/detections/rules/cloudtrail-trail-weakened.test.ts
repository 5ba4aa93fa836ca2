import { describe, expect, it } from "vitest";

import { cloudtrailTrailWeakenedRule as rule } from "./cloudtrail-trail-weakened";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("cloudtrail-trail-weakened corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const trailCall = (eventID: string, eventName: string, eventTime: string, requestParameters: unknown, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "cloudtrail.amazonaws.com", eventName, eventTime, requestParameters, ...extra });

describe("cloudtrail-trail-weakened", () => {
  it("compares the destination with the trail's known bucket (by name or ARN) and reports each weakening", () => {
    const records = [
      trailCall("create", "CreateTrail", "2024-01-01T00:00:00Z", { name: "main", s3BucketName: "logs-a", isMultiRegionTrail: true }),
      // The console re-sends the current bucket with every edit: not a change.
      trailCall("same", "UpdateTrail", "2024-01-01T00:01:00Z", { name: "main", s3BucketName: "logs-a", isMultiRegionTrail: true, enableLogFileValidation: true }),
      trailCall("moved", "UpdateTrail", "2024-01-01T00:02:00Z", {
        name: "arn:aws:cloudtrail:us-east-1:111111111111:trail/main",
        s3BucketName: "attacker-bucket",
        isMultiRegionTrail: false,
        includeGlobalServiceEvents: false,
      }),
      trailCall("moved-back", "UpdateTrail", "2024-01-01T00:03:00Z", { name: "main", s3BucketName: "logs-a" }),
      trailCall("validation", "UpdateTrail", "2024-01-01T00:04:00Z", { name: "other", enableLogFileValidation: false, cloudWatchLogsLogGroupArn: "" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      [
        "moved",
        false,
        'UpdateTrail on trail "arn:aws:cloudtrail:us-east-1:111111111111:trail/main": log destination moved from bucket "logs-a" to "attacker-bucket"; ' +
          'multi-region logging turned off (only "us-east-1" stays recorded); global service events (IAM, STS, CloudFront) no longer logged',
      ],
      ["moved-back", false, 'UpdateTrail on trail "main": log destination moved from bucket "attacker-bucket" to "logs-a"'],
      [
        "validation",
        false,
        'UpdateTrail on trail "other": log file validation turned off (later edits to delivered log files go unnoticed); delivery to CloudWatch Logs removed',
      ],
    ]);
  });

  it("an unknown earlier bucket is said; a failed attempt fires only when it asked for a weakening or its request is not recorded", () => {
    const records = [
      trailCall("unknown", "UpdateTrail", "2024-01-01T00:00:00Z", { name: "main", s3BucketName: "logs-b" }),
      trailCall("failed-harmless", "UpdateTrail", "2024-01-01T00:01:00Z", { name: "main", cloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/x" }, { errorCode: "InvalidCloudWatchLogsRoleArnException" }),
      trailCall("failed-weakening", "UpdateTrail", "2024-01-01T00:02:00Z", { name: "main", isMultiRegionTrail: "false" }, { errorCode: "AccessDenied" }),
      trailCall("denied-unrecorded", "UpdateTrail", "2024-01-01T00:03:00Z", null, { errorCode: "AccessDenied" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["unknown", false, 'UpdateTrail on trail "main": log destination set to bucket "logs-b" (the trail\'s earlier bucket is not in the evidence)'],
      ["failed-weakening", true, 'UpdateTrail on trail "main": multi-region logging turned off (only "us-east-1" stays recorded) — attempt denied ("AccessDenied")'],
      ["denied-unrecorded", true, 'UpdateTrail on trail (none): requested changes not recorded — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("sans504: four UpdateTrail that only add CloudWatch Logs delivery (three failed) do not fire", () => {
      const records = readCorpusRecords("sans504-s3-ransomware-lab");
      const updates = records.filter((r) => r.eventName === "UpdateTrail");
      expect(updates.length).toBe(4);
      expect(updates.filter((r) => typeof r.errorCode === "string").length).toBe(3);
      expect(runRule(rule, toEvents(records), contextFor(["342082656213"]))).toEqual([]);
    });

    it("elastic samples: log-file validation turned off and the bucket changed from the one CreateTrail set; the failed name-only UpdateTrail does not fire", () => {
      const records = readCorpusRecords("elastic-beats-test-logs-via-matanolabs-logtest");
      const updates = records.filter((r) => r.eventName === "UpdateTrail");
      const weakening = updates.filter((r) => (r.requestParameters as RawRecord | null)?.enableLogFileValidation === false);
      expect(weakening.map((r) => r.eventID)).toEqual(["EXAMPLE-b5e9-4846-8407-EXAMPLE"]);
      const created = records.find((r) => r.eventName === "CreateTrail")?.requestParameters as RawRecord;
      expect(created.s3BucketName).toBe("TEST-cloudtrail-bucket");

      const hits = runRule(rule, toEvents(records), ctx);
      expect(hitIds(hits)).toEqual(["EXAMPLE-b5e9-4846-8407-EXAMPLE"]);
      expect(hits[0]?.reason).toBe(
        'UpdateTrail on trail "arn:aws:cloudtrail:us-west-2:0123456789012:trail/TEST-trail": log destination moved from bucket "TEST-cloudtrail-bucket" to "test-cloudtrail-bucket"; ' +
          "log file validation turned off (later edits to delivered log files go unnoticed)",
      );
    });

    it("traildiscover: the denied UpdateTrail (no request recorded) fires as a failed attempt", () => {
      const records = readCorpusRecords("traildiscover-log-examples");
      const expected = records.filter((r) => r.eventName === "UpdateTrail" && r.errorCode === "AccessDenied" && r.requestParameters === null);
      expect(expected.map((r) => r.eventID)).toEqual(["8c76d32c-4419-48f7-bf99-21a7feddfeea"]);
      const hits = runRule(rule, toEvents(records), ctx);
      expect(hits.map((h) => [h.eventIds[0], h.failedAttempt])).toEqual([["8c76d32c-4419-48f7-bf99-21a7feddfeea", true]]);
    });
  });
});
