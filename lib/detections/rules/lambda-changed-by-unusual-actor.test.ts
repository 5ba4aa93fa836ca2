import { describe, expect, it } from "vitest";

import { detectionEventFromRecord, type DetectionEvent } from "@/lib/detections/detection-event";

import { lambdaChangedByUnusualActorRule as rule } from "./lambda-changed-by-unusual-actor";
import { contextFor, corpusAvailable, fakeRecord, hitIds, readCorpusRecords, runRule, toEvents, type RawRecord } from "./rule-test-kit";

if (!corpusAvailable) console.log("lambda-changed-by-unusual-actor corpus tests skipped: ../shared/corpus is absent");

const ctx = contextFor(["111111111111"]);
const lambda = (eventID: string, eventName: string, eventTime: string, extra: RawRecord = {}) =>
  fakeRecord({ eventID, eventSource: "lambda.amazonaws.com", eventName, eventTime, requestParameters: { functionName: "billing" }, ...extra });
const event = (record: RawRecord, deviations: string[] = [], tool: string | null = "aws-cli") => detectionEventFromRecord(record, { deviations, tool });

/** Independent of the rule: a Lambda create / code update by event name. */
const isLambdaChange = (r: RawRecord) => r.eventSource === "lambda.amazonaws.com" && /^(CreateFunction|UpdateFunctionCode)/.test(String(r.eventName));

describe("lambda-changed-by-unusual-actor", () => {
  it("never fires without baseline deviations", () => {
    const events = [event(lambda("c", "CreateFunction20150331", "2024-01-01T00:00:00Z")), event(lambda("u", "UpdateFunctionCode20150331v2", "2024-01-01T00:01:00Z"))];
    expect(runRule(rule, events, ctx)).toEqual([]);
  });

  it("fires on the deviating call itself and on later changes carrying the same new value within 24 hours", () => {
    const events: DetectionEvent[] = [
      event(fakeRecord({ eventID: "first-lambda", eventSource: "lambda.amazonaws.com", eventName: "ListFunctions20150331", eventTime: "2024-01-01T00:00:00Z" }), ["service"]),
      event(lambda("create", "CreateFunction20150331", "2024-01-01T00:05:00Z")),
      event(lambda("update-next-week", "UpdateFunctionCode20150331v2", "2024-01-08T00:00:00Z")),
      event(lambda("tool-itself", "UpdateFunctionCode20150331v2", "2024-01-09T00:00:00Z"), ["tool", "hour"], "pacu"),
      event(lambda("hour-only", "UpdateFunctionCode20150331v2", "2024-01-10T00:00:00Z"), ["hour", "ip"]),
    ];
    expect(runRule(rule, events, ctx).map((h) => [h.eventIds[0], h.principal, h.reason])).toEqual([
      [
        "create",
        "arn:aws:iam::111111111111:user/alice",
        'Lambda function created: "billing" by an identity new to this service (service: "lambda.amazonaws.com", since ListFunctions20150331 at 2024-01-01T00:00:00.000Z)',
      ],
      ["tool-itself", "arn:aws:iam::111111111111:user/alice", 'Lambda function code replaced: "billing" by an identity using a tool new for it (tool: "pacu", this call)'],
    ]);
  });

  it("a marker of another identity or another value does not count; failed attempts fire and say so", () => {
    const bob = { type: "IAMUser", arn: "arn:aws:iam::111111111111:user/bob", userName: "bob", accountId: "111111111111" };
    const at = (eventID: string, eventName: string, eventSource: string, eventTime: string, extra: RawRecord = {}) =>
      fakeRecord({ eventID, eventName, eventSource, eventTime, requestParameters: { functionName: "billing" }, ...extra });
    const events = [
      detectionEventFromRecord(at("bob-nl", "GetCallerIdentity", "sts.amazonaws.com", "2024-01-01T00:00:00Z", { userIdentity: bob }), { deviations: ["country"], sourceCountry: "NL" }),
      detectionEventFromRecord(at("alice-nl-before", "CreateFunction20150331", "lambda.amazonaws.com", "2024-01-01T00:01:00Z"), { sourceCountry: "NL" }),
      detectionEventFromRecord(at("alice-nl", "GetCallerIdentity", "sts.amazonaws.com", "2024-01-01T00:02:00Z"), { deviations: ["country"], sourceCountry: "NL" }),
      detectionEventFromRecord(at("alice-de", "CreateFunction20150331", "lambda.amazonaws.com", "2024-01-01T00:03:00Z"), { sourceCountry: "DE" }),
      detectionEventFromRecord(at("alice-nl-denied", "CreateFunction20150331", "lambda.amazonaws.com", "2024-01-01T00:04:00Z", { errorCode: "AccessDeniedException" }), { sourceCountry: "NL" }),
    ];
    expect(runRule(rule, events, ctx).map((h) => [h.eventIds[0], h.failedAttempt, h.reason])).toEqual([
      [
        "alice-nl-denied",
        true,
        'Lambda function created: "billing" by an identity calling from a new country (country: "NL", since GetCallerIdentity at 2024-01-01T00:02:00.000Z) — attempt denied ("AccessDeniedException")',
      ],
    ]);
  });

  describe.skipIf(!corpusAvailable)("on the corpus", () => {
    it("invictus-ir: no deviations, no hit on its eight Lambda creates / code updates", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      expect(records.filter(isLambdaChange).length).toBe(8);
      expect(runRule(rule, toEvents(records), contextFor(["123837392027"]))).toEqual([]);
    });

    it("invictus-ir with bert-jan's first Stratus Red Team call marked as a new tool: the two code overwrites made with that tool", () => {
      const records = readCorpusRecords("invictus-ir-aws_dataset");
      // Test-side tool families: Stratus Red Team's own calls carry only its marker; its Terraform calls say Terraform.
      const toolOf = (r: RawRecord) => (String(r.userAgent).startsWith("stratus-red-team_") ? "stratus-red-team" : String(r.userAgent).includes("Terraform/") ? "terraform" : "other");
      const isBertJan = (r: RawRecord) => (r.userIdentity as RawRecord).userName === "bert-jan";
      const firstStratus = records.filter((r) => isBertJan(r) && toolOf(r) === "stratus-red-team").sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)))[0];
      const events = records.map((r) => detectionEventFromRecord(r, { tool: toolOf(r), deviations: r === firstStratus ? ["tool"] : [] }));

      const expected = records.filter((r) => isLambdaChange(r) && isBertJan(r) && toolOf(r) === "stratus-red-team").map((r) => String(r.eventID)).sort();
      expect(expected).toEqual(["0ea8187c-26a8-425d-8daf-48479996e44d", "e01946e6-d206-4927-b90a-9ae3b723b9e6"]);
      const hits = runRule(rule, events, contextFor(["123837392027"]));
      expect(hitIds(hits)).toEqual(expected);
      expect(hits[0]?.reason).toMatch(/^Lambda function code replaced: "arn:aws:lambda:us-east-1:123837392027:function:stratus-red-team-olc-func-xhfgzaowxc" by an identity using a tool new for it \(tool: "stratus-red-team", since /);
    });
  });
});
