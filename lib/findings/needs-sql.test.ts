import { describe, expect, it } from "vitest";
import { eventMeetsNeeds, ilike, needsToSql } from "@/lib/findings/needs-sql";

describe("needsToSql", () => {
  it("ORs every kind of need into one parameterized predicate, and gives null when a rule needs every event", () => {
    const w = needsToSql([{ eventNames: ["StopLogging"] }, { eventNamePrefixes: ["List"] } as never, { userAgentPatterns: ["trufflehog"] }, { principalArnPatterns: ["%:assumed-role/aws:_%"] }], 2)!;
    expect(w.sql).toBe("(event_name = ANY($2::text[]) OR event_name LIKE ANY($3::text[]) OR principal_arn ILIKE ANY($4::text[]) OR user_agent ILIKE ANY($5::text[]))");
    expect(w.values).toEqual([["StopLogging"], ["List%"], ["%:assumed-role/aws:_%"], ["trufflehog"]]);
    expect(needsToSql([{ eventNames: ["A"] }, { all: true }], 2)).toBeNull();
  });
});

describe("ilike", () => {
  it("matches as PostgreSQL's ILIKE does: case folded, % and _ wildcards, backslash escapes, whole value", () => {
    expect(ilike("TruffleHog", "trufflehog")).toBe(true);
    expect(ilike("TruffleHog/3.0", "trufflehog")).toBe(false);
    expect(ilike("arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1", "%:assumed-role/aws:_%")).toBe(true);
    expect(ilike("arn:aws:sts::1:assumed-role/aws:", "%:assumed-role/aws:_%")).toBe(false);
    expect(ilike("50%_off", "50\\%\\_off")).toBe(true);
    expect(ilike("50xyoff", "50\\%\\_off")).toBe(false);
    expect(ilike("a.b(c)", "a.b(c)")).toBe(true);
  });

  it("agrees with eventMeetsNeeds for pattern needs", () => {
    const event = { eventName: "GetCallerIdentity", eventSource: "sts.amazonaws.com", identityType: "IAMUser", principalArn: "arn:x", userAgent: "TruffleHog", deviations: [] };
    expect(eventMeetsNeeds({ userAgentPatterns: ["trufflehog"] }, event)).toBe(true);
    expect(eventMeetsNeeds({ principalArnPatterns: ["%assumed-role%"] }, event)).toBe(false);
  });
});
