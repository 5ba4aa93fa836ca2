import { describe, expect, it } from "vitest";

import { cloudtrailSelectorsReducedRule as rule } from "./cloudtrail-selectors-reduced";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("cloudtrail-selectors-reduced corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const call = (eventID: string, eventName: string, eventTime: string, requestParameters: unknown, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "cloudtrail.amazonaws.com", eventName, eventTime, requestParameters, ...extra });
const selectors = (...items: RawRecord[]) => ({ trailName: "main", eventSelectors: items });
const mgmtField = { field: "eventCategory", equals: ["Management"] };

/** Independent of the rule: a basic selector list that drops management events, or keeps only one of reads/writes. */
const dropsManagement = (r: RawRecord) => {
  const list = (r.requestParameters as { eventSelectors?: RawRecord[] } | null)?.eventSelectors;
  return Array.isArray(list) && list.every((s) => s.includeManagementEvents === false || s.readWriteType !== "All");
};

describe("cloudtrail-selectors-reduced", () => {
  it("judges basic event selectors on their own", () => {
    const records = [
      call("full", "PutEventSelectors", "2024-01-01T00:00:00Z", selectors({ readWriteType: "All", includeManagementEvents: true, dataResources: [] })),
      call("no-mgmt", "PutEventSelectors", "2024-01-01T00:01:00Z", selectors({ readWriteType: "All", includeManagementEvents: false })),
      call("read-only", "PutEventSelectors", "2024-01-01T00:02:00Z", selectors({ readWriteType: "ReadOnly", includeManagementEvents: true })),
      call("split", "PutEventSelectors", "2024-01-01T00:03:00Z", selectors({ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" })),
      call("excluded", "PutEventSelectors", "2024-01-01T00:04:00Z", selectors({ readWriteType: "All", excludeManagementEventSources: ["kms.amazonaws.com"] })),
      call("empty", "PutEventSelectors", "2024-01-01T00:05:00Z", { trailName: "main", eventSelectors: [] }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.reason])).toEqual([
      ["no-mgmt", 'PutEventSelectors on trail "main": management events are no longer logged'],
      ["read-only", 'PutEventSelectors on trail "main": only read-only management events are logged (every write is dropped)'],
      ["excluded", 'PutEventSelectors on trail "main": management events of "kms.amazonaws.com" are excluded'],
      ["empty", 'PutEventSelectors on trail "main": management events are no longer logged'],
    ]);
  });

  it("judges advanced event selectors: no management selector, read-only, excluded sources", () => {
    const advanced = (eventID: string, fieldSelectors: RawRecord[][]) =>
      call(eventID, "PutEventSelectors", "2024-01-01T00:00:00Z", { trailName: "main", advancedEventSelectors: fieldSelectors.map((f) => ({ fieldSelectors: f })) });
    const records = [
      advanced("adv-full", [[mgmtField]]),
      advanced("adv-data-only", [[{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }]]),
      advanced("adv-read", [[mgmtField, { field: "readOnly", equals: ["true"] }]]),
      advanced("adv-excl", [[mgmtField, { field: "eventSource", notEquals: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] }]]),
    ];
    // Same eventTime: the test kit orders ties by eventId.
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.reason])).toEqual([
      ["adv-data-only", 'PutEventSelectors on trail "main": management events are no longer logged (no advanced selector keeps them)'],
      ["adv-excl", 'PutEventSelectors on trail "main": management events of "kms.amazonaws.com", "rdsdata.amazonaws.com" are excluded'],
      ["adv-read", 'PutEventSelectors on trail "main": only read-only management events are logged (every write is dropped)'],
    ]);
  });

  it("judges Insights selectors against the trail's earlier ones", () => {
    const insights = (eventID: string, eventTime: string, trailName: string, types: string[], extra: RawRecord = {}) =>
      call(eventID, "PutInsightSelectors", eventTime, { trailName, insightSelectors: types.map((insightType) => ({ insightType })) }, extra);
    const records = [
      call("create-new", "CreateTrail", "2024-01-01T00:00:00Z", { name: "fresh", s3BucketName: "b" }),
      insights("fresh-off", "2024-01-01T00:00:00Z", "fresh", []),
      insights("on", "2024-01-01T00:01:00Z", "main", ["ApiCallRateInsight", "ApiErrorRateInsight"]),
      insights("narrowed", "2024-01-01T00:02:00Z", "arn:aws:cloudtrail:us-east-1:111111111111:trail/main", ["ApiCallRateInsight"]),
      insights("denied-off", "2024-01-01T00:03:00Z", "main", [], { errorCode: "AccessDenied" }),
      insights("unknown-off", "2024-01-01T00:04:00Z", "legacy", []),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      ["narrowed", false, 'PutInsightSelectors on trail "arn:aws:cloudtrail:us-east-1:111111111111:trail/main": Insights "ApiErrorRateInsight" turned off'],
      ["denied-off", true, 'PutInsightSelectors on trail "main": Insights "ApiCallRateInsight" turned off — attempt denied ("AccessDenied")'],
      ["unknown-off", false, 'PutInsightSelectors on trail "legacy": Insights turned off (the trail\'s earlier Insights setting is not in the evidence)'],
    ]);
  });

  it("a denied PutEventSelectors without recorded parameters still fires as a failed attempt", () => {
    const hits = runRule(rule, toEvents([call("denied", "PutEventSelectors", "2024-01-01T00:00:00Z", null, { errorCode: "AccessDenied" })]), ctx);
    expect(hits.map((h) => [h.failedAttempt, h.reason])).toEqual([[true, 'PutEventSelectors on trail (none): requested selectors not recorded — attempt denied ("AccessDenied")']]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the PutEventSelectors that drops management events; the later one restoring them does not fire", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const puts = records.filter((r) => r.eventName === "PutEventSelectors");
      expect(puts.length).toBe(2);
      const expected = puts.filter(dropsManagement).map((r) => String(r.eventID));
      expect(expected).toEqual(["076e96d5-2983-473f-920a-2fc2d7e02777"]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected);
      expect(hits[0]).toMatchObject({
        failedAttempt: false,
        principal: "arn:aws:iam::123837392027:user/bert-jan",
        reason: 'PutEventSelectors on trail "stratus-red-team-ctes-trail-qyxyekjbtk": management events are no longer logged',
      });
    });

    it("stratus-red-team: the detonation's PutEventSelectors", () => {
      const records = readCorpusRecords("stratus-red-team-detonation-logs");
      const expected = records.filter((r) => r.eventName === "PutEventSelectors" && dropsManagement(r)).map((r) => String(r.eventID));
      expect(expected).toEqual(["c2a89408-340a-42f0-8ace-75d9f5769393"]);
      expect(hitIds(runRule(rule, toEvents(records), ctx))).toEqual(expected);
    });

    it("sans504: full management + S3 data selectors and the console's empty Insights list on a trail created in the evidence do not fire", () => {
      const records = readCorpusRecords("sans504-s3-ransomware-lab");
      expect(records.filter((r) => r.eventName === "PutEventSelectors" || r.eventName === "PutInsightSelectors").length).toBe(2);
      expect(runRule(rule, toEvents(records), contextFor(["342082656213"]))).toEqual([]);
    });
  });
});
