import { describe, expect, it } from "vitest";

import { networkLoggingDeletedRule as rule } from "./network-logging-deleted";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("network-logging-deleted corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const isNetworkLogDeletion = (r: RawRecord) =>
  (r.eventSource === "ec2.amazonaws.com" && r.eventName === "DeleteFlowLogs") ||
  (r.eventSource === "route53resolver.amazonaws.com" && (r.eventName === "DeleteResolverQueryLogConfig" || r.eventName === "DisassociateResolverQueryLogConfig"));

describe("network-logging-deleted", () => {
  it("names every deleted flow log id, and ignores DeleteFlowLogs of another service", () => {
    const records = [
      fakeRecord({
        eventID: "fl-del",
        eventSource: "ec2.amazonaws.com",
        eventName: "DeleteFlowLogs",
        requestParameters: { DeleteFlowLogsRequest: { FlowLogId: [{ tag: 1, content: "fl-aaa" }, { tag: 2, content: "fl-bbb" }] } },
      }),
      fakeRecord({ eventSource: "example.amazonaws.com", eventName: "DeleteFlowLogs" }),
      fakeRecord({ eventID: "dns-dis", eventSource: "route53resolver.amazonaws.com", eventName: "DisassociateResolverQueryLogConfig", requestParameters: { resolverQueryLogConfigId: "rqlc-1", resourceId: "vpc-1" } }),
    ];
    expect(runRule(rule, toEvents(records), ctx).map((h) => [h.eventIds[0], h.reason])).toEqual([
      ["fl-del", 'VPC flow logs deleted: network connections are no longer recorded: "fl-aaa", "fl-bbb"'],
      ["dns-dis", 'Route 53 Resolver DNS query logging detached from a VPC: that VPC\'s DNS lookups are no longer recorded: "rqlc-1"'],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: the DeleteFlowLogs", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      const expected = records.filter(isNetworkLogDeletion).map((r) => String(r.eventID));
      expect(expected).toEqual(["de58d903-38d7-4f30-a84b-b79d858e8376"]);
      const hits = runRule(rule, toEvents(records), contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected);
      expect(hits[0]).toMatchObject({ failedAttempt: false, reason: 'VPC flow logs deleted: network connections are no longer recorded: "fl-064ed3a785e4a37ef"' });
    });

    it("stratus-red-team: DeleteFlowLogs and DeleteResolverQueryLogConfig; traildiscover: a failed DeleteFlowLogs says failed", () => {
      const stratus = readCorpusRecords("stratus-red-team-detonation-logs");
      const stratusExpected = stratus.filter(isNetworkLogDeletion).map((r) => String(r.eventID)).sort();
      expect(stratusExpected).toEqual(["ba4609ca-b420-4cb6-bdff-307729b3b7db", "ded2f5af-f3a5-46d2-a170-a23206a32c36"]);
      expect(hitIds(runRule(rule, toEvents(stratus), ctx))).toEqual(stratusExpected);

      const discover = readCorpusRecords("traildiscover-log-examples");
      const hits = runRule(rule, toEvents(discover), ctx);
      expect(hitIds(hits)).toEqual(discover.filter(isNetworkLogDeletion).map((r) => String(r.eventID)));
      expect(hits).toEqual([
        {
          eventIds: ["d6135b67-b4ea-4142-928c-77d83c95e320"],
          principal: "arn:aws:iam::111111111111:user/TrailDiscover",
          failedAttempt: true,
          reason: 'VPC flow logs deleted: network connections are no longer recorded: "TrailDiscoverFlowLogId" — attempt failed: "Client.InvalidParameterValue"',
        },
      ]);
    });
  });
});
