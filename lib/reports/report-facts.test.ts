import { describe, expect, it } from "vitest";
import { EVENTS, sampleReportSnapshot } from "@/lib/reports/__fixtures__/sample-report-snapshot";
import { actionName, byEventTime, reportFacts } from "@/lib/reports/report-facts";
import type { ReportEvent } from "@/lib/reports/report-types";

const at = (eventId: string, eventTime: string | null): ReportEvent => ({ ...EVENTS.whoami, eventId, eventTime });

describe("reportFacts", () => {
  it("lists each attacker event once, oldest first, with every tactic it was filed under", () => {
    const { actions, timeframe } = reportFacts(sampleReportSnapshot);
    expect(actions.map((a) => `${a.event.eventName}: ${a.tactics.join(", ")}`)).toEqual([
      "GetCallerIdentity: Discovery", "ListBuckets: Discovery", "ListUsers: Discovery", "CreateUser: Persistence", "CreateAccessKey: Persistence, Privilege Escalation",
      "AssumeRole: Privilege Escalation", "GetObject: Collection", "GetSecretValue: Credential Access", "StopLogging: Defense Evasion",
    ]);
    expect(timeframe).toEqual({ start: "2024-02-27T03:14:07Z", end: "2024-02-27T03:40:00Z", basis: "attacker" });
  });

  it("falls back to the evidence's span when no attacker event is dated", () => {
    const s = { ...sampleReportSnapshot, actionsByTactic: [{ tactic: "discovery", tacticName: "Discovery", events: [at("x", null), at("y", "not a date")] }] };
    const facts = reportFacts(s);
    expect(facts.timeframe).toEqual({ start: "2024-02-27T00:02:11.000Z", end: "2024-02-27T23:58:40.000Z", basis: "evidence" });
    expect(facts.seedLines[1]).toEqual({ label: "Timeframe", value: "2024-02-27 00:02:11 UTC to 2024-02-27 23:58:40 UTC (whole evidence: no confirmed finding has dated events)" });
    expect(facts.seedLines[3]).toEqual({ label: "Suspicious Events", value: "2" });
  });

  it("names at most 12 actions and counts repeats", () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ ...at(`e${String(i).padStart(2, "0")}`, `2024-01-01T00:00:${String(i).padStart(2, "0")}Z`), eventName: i < 2 ? "Same" : `Call${i}` }));
    const facts = reportFacts({ ...sampleReportSnapshot, actionsByTactic: [{ tactic: "discovery", tacticName: "Discovery", events: many }] });
    expect(facts.seedLines[5]!.value).toBe("Same ×2, Call2, Call3, Call4, Call5, Call6, Call7, Call8, Call9, Call10, Call11, Call12 and 2 more");
  });
});

describe("byEventTime / actionName", () => {
  it("orders by time, undated and unparseable last, ties by eventID", () => {
    const list = [at("d", null), at("c", "2024-01-01T00:00:01Z"), at("b", "garbage"), at("a", "2024-01-01T00:00:01Z"), at("e", "2023-12-31T23:59:59.999Z")];
    expect([...list].sort(byEventTime).map((e) => e.eventId)).toEqual(["e", "a", "c", "b", "d"]);
  });

  it("names a call with its error code", () => {
    expect(actionName(EVENTS.listUsers)).toBe("ListUsers (AccessDenied)");
    expect(actionName({ ...EVENTS.listUsers, eventName: null, errorCode: null })).toBe("(no eventName)");
  });
});
