import { describe, expect, it } from "vitest";

import { cloudtrailTrailDeletedRule as rule } from "./cloudtrail-trail-deleted";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("cloudtrail-trail-deleted corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const isDeleteTrail = (r: RawRecord) => r.eventName === "DeleteTrail" && r.eventSource === "cloudtrail.amazonaws.com";

describe("cloudtrail-trail-deleted", () => {
  it("fires on DeleteTrail by ARN and on a denied attempt, which says so", () => {
    const records = [
      fakeRecord({ eventID: "del-1", eventSource: "cloudtrail.amazonaws.com", eventName: "DeleteTrail", requestParameters: { name: "arn:aws:cloudtrail:us-east-1:111111111111:trail/main" } }),
      fakeRecord({ eventID: "del-2", eventSource: "cloudtrail.amazonaws.com", eventName: "DeleteTrail", errorCode: "AccessDenied", requestParameters: { name: "main" } }),
      fakeRecord({ eventSource: "cloudtrail.amazonaws.com", eventName: "DescribeTrails" }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds, h.failedAttempt, h.reason])).toEqual([
      [["del-1"], false, 'DeleteTrail on trail "arn:aws:cloudtrail:us-east-1:111111111111:trail/main": the trail stops delivering logs'],
      [["del-2"], true, 'DeleteTrail on trail "main": the trail stops delivering logs — attempt denied ("AccessDenied")'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the three DeleteTrail, the first one failed (TrailNotFoundException)", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const expected = records.filter(isDeleteTrail);
      expect(expected.map((r) => String(r.eventID)).sort()).toEqual([
        "b7e19efd-92be-4182-bbbc-b6468296710b",
        "c0057a42-1625-4b1d-9db5-352f931f790a",
        "fcec2e46-3cc3-4ac2-8144-3674f06990e4",
      ]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected.map((r) => String(r.eventID)).sort());
      const failed = hits.filter((h) => h.failedAttempt).flatMap((h) => h.eventIds);
      expect(failed).toEqual(expected.filter((r) => typeof r.errorCode === "string").map((r) => String(r.eventID)));
      expect(failed).toEqual(["b7e19efd-92be-4182-bbbc-b6468296710b"]);
      expect(hits.find((h) => h.eventIds[0] === "c0057a42-1625-4b1d-9db5-352f931f790a")?.reason).toBe(
        'DeleteTrail on trail "stratus-red-team-ctlr-trail-zqfsvooxqj": the trail stops delivering logs',
      );
    });

    it("stratus-red-team, traildiscover and the elastic samples: every DeleteTrail, denied ones flagged", () => {
      for (const [source, ids, denied] of [
        ["stratus-red-team-detonation-logs", ["ee73c230-44bc-4492-8542-cfb189eae287"], []],
        ["traildiscover-log-examples", ["03383b06-8e2e-4272-a022-5871c25e46f9"], ["03383b06-8e2e-4272-a022-5871c25e46f9"]],
        ["elastic-beats-test-logs-via-matanolabs-logtest", ["EXAMPLE-3f9d-4634-8ff1-EXAMPLE"], []],
      ] as const) {
        const records = readCorpusRecords(source);
        expect(records.filter(isDeleteTrail).map((r) => String(r.eventID)), source).toEqual(ids);
        const hits = runRule(rule, toEvents(records), ctx);
        expect(hitIds(hits), source).toEqual([...ids]);
        expect(hits.filter((h) => h.failedAttempt).flatMap((h) => h.eventIds), source).toEqual([...denied]);
      }
    });

    it("sans504 and grycap: no DeleteTrail, no hit", () => {
      for (const source of ["sans504-s3-ransomware-lab", "grycap-cloudtrail-tracker"]) {
        expect(runRule(rule, toEvents(readCorpusRecords(source)), ctx), source).toEqual([]);
      }
    });
  });
});
