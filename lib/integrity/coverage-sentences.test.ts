import { describe, expect, it } from "vitest";
import { coverageSentences } from "@/lib/integrity/coverage-sentences";
import type { CoverageStatement } from "@/lib/integrity/coverage-statement-types";

const link = (count: number) => ({ count, href: "/x" });

function statement(over: Partial<Omit<CoverageStatement, "statements">> = {}): Omit<CoverageStatement, "statements"> {
  return {
    events: { total: 5, undated: link(0) },
    accounts: [{ value: "111122223333", count: 5, href: "/x" }],
    regions: [{ value: "eu-west-1", count: 5, href: "/x" }],
    foreignCallerAccounts: [],
    globalServices: {
      present: false,
      services: (["iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com"] as const).map((eventSource) => ({ eventSource, usEast1: link(0), otherRegions: link(0) })),
    },
    categories: {
      management: { ...link(5), readOnly: link(0), writeOnly: link(5), readOnlyNotRecorded: link(0) },
      data: { ...link(0), s3Object: link(0), lambdaInvoke: link(0), other: link(0) },
      insight: link(0),
      other: [],
      none: link(0),
    },
    time: {
      first: "2023-07-10T10:00:00.000Z",
      last: "2023-07-10T10:30:00.000Z",
      // No scope to compare (a case without dated events).
      window: { start: "2023-08-01T00:00:00.000Z", end: null },
      scope: null,
      uncovered: [],
      uncoveredTotal: 0,
      uncoveredHours: 0,
    },
    ...over,
  };
}

describe("coverageSentences", () => {
  it("says what is absent: global service events, read-only management events, data and Insights events", () => {
    const s = coverageSentences(statement());
    expect(s.slice(0, 6)).toEqual([
      '5 events (0 without a usable eventTime) for 1 account: "111122223333" (5); in 1 region: "eu-west-1" (5).',
      "No IAM, STS or sign-in event is recorded in us-east-1: global service events are absent (the trail may exclude them, or us-east-1 was not collected), so IAM changes and role assumptions may be missing.",
      "Management events: 5 (read-only 0, write 5, readOnly not recorded 0).",
      "No read-only management event is marked as such: the trail may log write events only, which hides reconnaissance (List*, Describe*, Get*).",
      "No data events: S3 object reads and writes (GetObject, PutObject …) and Lambda invocations are not in the evidence, so data access and exfiltration cannot be ruled out from it.",
      "No Insights events.",
    ]);
    expect(s.at(-1)).toBe("The incident window runs from 2023-08-01T00:00:00.000Z to (open) (UTC).");
  });

  it("says when no event falls inside the window, and quotes hostile values", () => {
    const s = coverageSentences(
      statement({
        accounts: [{ value: '"><script>\u0007', count: 5, href: "/x" }],
        time: {
          first: "2023-07-10T10:00:00.000Z",
          last: "2023-07-10T10:30:00.000Z",
          window: { start: "2023-08-01T00:00:00.000Z", end: "2023-08-02T00:00:00.000Z" },
          scope: { start: "2023-08-01T00:00:00.000Z", end: "2023-08-02T00:00:00.000Z" },
          uncovered: [{ start: "2023-08-01T00:00:00.000Z", end: "2023-08-02T00:00:00.000Z", hours: 24, kind: "silent" }],
          uncoveredTotal: 1,
          uncoveredHours: 24,
        },
      }),
    );
    expect(s[0]).toContain('for 1 account: ""><script> " (5)');
    expect(s.at(-1)).toBe("No event falls between 2023-08-01T00:00:00.000Z and 2023-08-02T00:00:00.000Z: the evidence does not cover the window.");
    expect(coverageSentences(statement({ events: { total: 0, undated: link(0) } }))).toEqual(["The case holds no events: the evidence covers nothing yet."]);
  });
});
