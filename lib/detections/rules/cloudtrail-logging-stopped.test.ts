import { describe, expect, it } from "vitest";

import { cloudtrailLoggingStoppedRule as rule } from "./cloudtrail-logging-stopped";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("cloudtrail-logging-stopped corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const isStopLogging = (r: RawRecord) => r.eventName === "StopLogging" && r.eventSource === "cloudtrail.amazonaws.com";

describe("cloudtrail-logging-stopped", () => {
  it("fires on a successful StopLogging, naming the trail", () => {
    const hits = runRule(rule, toEvents([fakeRecord({ eventID: "stop-1", eventSource: "cloudtrail.amazonaws.com", eventName: "StopLogging", requestParameters: { name: "main" } })]), ctx);
    expect(hits).toEqual([
      {
        eventIds: ["stop-1"],
        principal: "arn:aws:iam::111111111111:user/alice",
        failedAttempt: false,
        reason: 'StopLogging on trail "main": the trail stops recording API activity',
      },
    ]);
  });

  it("ignores StartLogging and a StopLogging of another service", () => {
    const records = [
      fakeRecord({ eventSource: "cloudtrail.amazonaws.com", eventName: "StartLogging", requestParameters: { name: "main" } }),
      fakeRecord({ eventSource: "example.amazonaws.com", eventName: "StopLogging" }),
    ];
    expect(runRule(rule, toEvents(records), ctx)).toEqual([]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the three failed StopLogging (TrailNotFoundException), each a failed attempt", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const expected = records.filter(isStopLogging).map((r) => String(r.eventID)).sort();
      expect(expected).toEqual(["9790ee84-ed2b-4866-83d1-f32af0dd4cd2", "b4610d54-efe9-40b0-b9f9-71156081d520", "f6e10706-705c-47f2-94d4-112a9527ab8b"]);
      expect(records.filter(isStopLogging).every((r) => r.errorCode === "TrailNotFoundException")).toBe(true);

      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected);
      expect(hits.every((h) => h.failedAttempt)).toBe(true);
      expect(hits[0]?.reason).toBe(
        'StopLogging on trail "stratus-red-team-ct-stop-trail-qzbgnfqisx": the trail stops recording API activity — attempt failed: "TrailNotFoundException"',
      );
      expect(new Set(hits.map((h) => h.principal))).toEqual(new Set(["arn:aws:iam::123837392027:user/bert-jan"]));
    });

    it("stratus-red-team: the successful StopLogging; traildiscover: the denied one says denied", () => {
      const stratus = readCorpusRecords("stratus-red-team-detonation-logs");
      const stratusHits = runRule(rule, toEvents(stratus), ctx);
      expect(hitIds(stratusHits)).toEqual(stratus.filter(isStopLogging).map((r) => String(r.eventID)));
      expect(hitIds(stratusHits)).toEqual(["10163ed2-2253-469d-a5ee-cbc6651f8934"]);
      expect(stratusHits[0]?.failedAttempt).toBe(false);

      const discover = readCorpusRecords("traildiscover-log-examples");
      const discoverHits = runRule(rule, toEvents(discover), ctx);
      expect(hitIds(discoverHits)).toEqual(discover.filter(isStopLogging).map((r) => String(r.eventID)));
      expect(discoverHits).toHaveLength(1);
      expect(discoverHits[0]?.failedAttempt).toBe(true);
      expect(discoverHits[0]?.reason).toBe('StopLogging on trail (none): the trail stops recording API activity — attempt denied ("AccessDenied")');
    });

    it("sans504: no StopLogging, no hit (StartLogging does not fire)", () => {
      const records = readCorpusRecords("sans504-s3-ransomware-lab");
      expect(records.filter((r) => r.eventName === "StartLogging").length).toBe(1);
      expect(runRule(rule, toEvents(records), ctx)).toEqual([]);
    });
  });
});
