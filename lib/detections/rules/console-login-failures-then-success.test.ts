import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, OWN_ACCOUNT, rawString, readCorpusRecords, sortedEvents, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { consoleLoginFailuresThenSuccessRule as rule } from "./console-login-failures-then-success";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of console-login-failures-then-success");

const signIn = (id: string, time: string, result: "Success" | "Failure", user = "alice", ip = "203.0.113.9") =>
  handRecord(id, "ConsoleLogin", {
    eventTime: time,
    eventSource: "signin.amazonaws.com",
    eventType: "AwsConsoleSignIn",
    sourceIPAddress: ip,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0",
    // A failed sign-in carries the user name but no ARN.
    userIdentity:
      result === "Failure"
        ? { type: "IAMUser", accountId: OWN_ACCOUNT, accessKeyId: "", userName: user }
        : { type: "IAMUser", principalId: "AIDAX", arn: `arn:aws:iam::${OWN_ACCOUNT}:user/${user}`, accountId: OWN_ACCOUNT, accessKeyId: "", userName: user },
    responseElements: { ConsoleLogin: result },
    additionalEventData: { MFAUsed: "No" },
  });

const run = (records: RawRecord[], settings = {}) => rule.evaluate(records.map((r) => contextualEvent(r)), testContext([OWN_ACCOUNT], [], settings));

describe("console-login-failures-then-success on hand-written records", () => {
  it("three failures then a success of the same user within the window: one hit with all four events", () => {
    const hits = run([
      signIn("f1", "2024-05-01T10:00:00Z", "Failure"),
      signIn("x1", "2024-05-01T10:00:30Z", "Failure", "bob"),
      signIn("f2", "2024-05-01T10:01:00Z", "Failure", "alice", "203.0.113.10"),
      signIn("f3", "2024-05-01T10:02:00Z", "Failure"),
      signIn("s1", "2024-05-01T10:03:00Z", "Success"),
    ]);
    expect(hits).toEqual([
      {
        eventIds: ["f1", "f2", "f3", "s1"],
        principal: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`,
        failedAttempt: false,
        reason: "3 failed console sign-ins for IAM user alice, then a successful one 3 min after the first failure (threshold 3 in 10 min), from 203.0.113.9, 203.0.113.10.",
      },
    ]);
  });

  it("needs the threshold inside the window, and each success starts over", () => {
    const spread = [
      signIn("f1", "2024-05-01T09:00:00Z", "Failure"),
      signIn("f2", "2024-05-01T10:00:00Z", "Failure"),
      signIn("f3", "2024-05-01T10:05:00Z", "Failure"),
      signIn("s1", "2024-05-01T10:06:00Z", "Success"),
    ];
    expect(run(spread)).toEqual([]);
    expect(run(spread, { burstWindowMinutes: 120 }).map((h) => h.eventIds)).toEqual([["f1", "f2", "f3", "s1"]]);
    const twice = [...spread.slice(1), signIn("s2", "2024-05-01T10:07:00Z", "Success")];
    expect(run(twice, { consoleLoginFailures: 2 }).map((h) => h.eventIds)).toEqual([["f2", "f3", "s1"]]);
  });
});

describe.skipIf(!corpusPresent)("console-login-failures-then-success on the corpus", () => {
  /** Independent selection: per sign-in name, successes preceded within 10 min by at least `n` failures since the last success. */
  function expectedHits(records: readonly RawRecord[], n: number): string[][] {
    const logins = records
      .filter((r) => r.eventName === "ConsoleLogin" && rawString(r, "userIdentity.userName") !== "HIDDEN_DUE_TO_SECURITY_REASONS")
      .sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
    const pending = new Map<string, RawRecord[]>();
    const out: string[][] = [];
    for (const r of logins) {
      const who = rawString(r, "userIdentity.type") === "Root" ? "root" : (rawString(r, "userIdentity.userName") ?? "");
      const at = Date.parse(String(r.eventTime));
      const recent = (pending.get(who) ?? []).filter((f) => at - Date.parse(String(f.eventTime)) <= 600_000);
      if (rawString(r, "responseElements.ConsoleLogin") === "Failure") pending.set(who, [...recent, r]);
      else {
        pending.delete(who);
        if (recent.length >= n) out.push([...recent, r].map((x) => x.eventID as string));
      }
    }
    return out;
  }

  it("sans504 root and grycap alucloud34 (one failure each, then success) fire at a threshold of 1, not at the default 3", () => {
    const sans = readCorpusRecords("sans504-s3-ransomware-lab");
    expect(expectedHits(sans, 1)).toEqual([["96936d41-6e5e-4a11-9d2f-a71f5563d495", "1471f842-143d-4a6c-b5ce-4cdc1647d8c8"]]);
    const sansEvents = sortedEvents(sans.filter((r) => r.eventName === "ConsoleLogin"));
    expect(rule.evaluate(sansEvents, testContext(["342082656213"])).length).toBe(0);
    const sansHits = rule.evaluate(sansEvents, testContext(["342082656213"], [], { consoleLoginFailures: 1 }));
    expect(sansHits.map((h) => h.eventIds)).toEqual(expectedHits(sans, 1));
    expect(sansHits[0]).toMatchObject({ principal: "arn:aws:iam::342082656213:root", failedAttempt: false });
    expect(sansHits[0]?.reason).toBe(
      "1 failed console sign-in for root, then a successful one 43 s after the first failure (threshold 1 in 10 min), from 96.253.26.224.",
    );

    const grycap = readCorpusRecords("grycap-cloudtrail-tracker");
    expect(expectedHits(grycap, 1)).toEqual([["f9f451e5-59a9-428e-a6e9-1beeae1cc22a", "5b803011-4714-4523-a151-d7de45a44ea4"]]);
    const grycapEvents = sortedEvents(grycap.filter((r) => r.eventName === "ConsoleLogin"));
    expect(rule.evaluate(grycapEvents, testContext(["974349055189"], [], { consoleLoginFailures: 1 })).map((h) => h.eventIds)).toEqual(expectedHits(grycap, 1));
    expect(rule.evaluate(grycapEvents, testContext(["974349055189"]))).toEqual([]);
  });
});
