import { describe, expect, it } from "vitest";

import { contextualEvent, corpusPresent, handRecord, matchEach, OWN_ACCOUNT, rawString, readCorpusRecords, testContext, type RawRecord } from "./__test-helpers__/corpus-events";
import { consoleLoginWithoutMfaRule as rule } from "./console-login-without-mfa";

if (!corpusPresent) console.log("corpus absent (../shared/corpus): skipping the corpus tests of console-login-without-mfa");

const signIn = (id: string, result: "Success" | "Failure", mfa: "Yes" | "No", fields: RawRecord = {}) =>
  handRecord(id, "ConsoleLogin", {
    eventSource: "signin.amazonaws.com",
    eventType: "AwsConsoleSignIn",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0",
    responseElements: { ConsoleLogin: result },
    additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: mfa },
    ...(result === "Failure" ? { errorMessage: "Failed authentication" } : {}),
    ...fields,
  });

/** Independent selection: an IAM user or root ConsoleLogin with MFAUsed "No", no SAML provider, a known user name. */
const expectedIds = (records: readonly RawRecord[]) =>
  records
    .filter(
      (r) =>
        r.eventName === "ConsoleLogin" &&
        ["IAMUser", "Root"].includes(rawString(r, "userIdentity.type") ?? "") &&
        rawString(r, "additionalEventData.MFAUsed") === "No" &&
        rawString(r, "additionalEventData.SamlProviderArn") === undefined &&
        rawString(r, "userIdentity.userName") !== "HIDDEN_DUE_TO_SECURITY_REASONS",
    )
    .map((r) => r.eventID as string)
    .sort();
const failures = (records: readonly RawRecord[]) =>
  records.filter((r) => r.eventName === "ConsoleLogin" && rawString(r, "responseElements.ConsoleLogin") === "Failure").map((r) => r.eventID as string);

describe("console-login-without-mfa on hand-written records", () => {
  const context = testContext([OWN_ACCOUNT]);
  it("fires on a password-only sign-in and on a failed one (as a failed attempt)", () => {
    expect(rule.match(contextualEvent(signIn("a", "Success", "No")), context)).toEqual({
      failedAttempt: false,
      reason: "IAM user alice signed in to the console without MFA from 198.51.100.7.",
    });
    expect(rule.match(contextualEvent(signIn("b", "Failure", "No")), context)).toEqual({
      failedAttempt: true,
      reason: "IAM user alice failed to sign in (Failed authentication) to the console without MFA from 198.51.100.7.",
    });
  });
  it("does not fire with MFA, through SAML, for assumed roles, or for unknown user names", () => {
    expect(rule.match(contextualEvent(signIn("c", "Success", "Yes")), context)).toBeNull();
    const saml = signIn("d", "Success", "No", {
      additionalEventData: { MFAUsed: "No", SamlProviderArn: `arn:aws:iam::${OWN_ACCOUNT}:saml-provider/Okta` },
    });
    expect(rule.match(contextualEvent(saml), context)).toBeNull();
    const role = signIn("e", "Success", "No", {
      userIdentity: { type: "AssumedRole", arn: `arn:aws:sts::${OWN_ACCOUNT}:assumed-role/AWSReservedSSO_admin/alice`, accountId: OWN_ACCOUNT },
    });
    expect(rule.match(contextualEvent(role), context)).toBeNull();
    const unknown = signIn("f", "Failure", "No", { userIdentity: { type: "IAMUser", accountId: OWN_ACCOUNT, accessKeyId: "", userName: "HIDDEN_DUE_TO_SECURITY_REASONS" } });
    expect(rule.match(contextualEvent(unknown), context)).toBeNull();
  });
});

describe.skipIf(!corpusPresent)("console-login-without-mfa on the corpus", () => {
  it("sans504: the root console sign-ins without MFA, 3 successes and 1 failure", () => {
    const records = readCorpusRecords("sans504-s3-ransomware-lab");
    const expected = expectedIds(records);
    expect(expected).toEqual(
      ["640b0c32-6a3e-4358-9309-8ee6c5c32d2f", "96936d41-6e5e-4a11-9d2f-a71f5563d495", "1471f842-143d-4a6c-b5ce-4cdc1647d8c8", "63d86d13-4ce4-4fa7-aef9-00b64cd67d3f"].sort(),
    );
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["342082656213"]));
    expect(hits.map((h) => h.eventId).sort()).toEqual(expected);
    expect(hits.filter((h) => h.failedAttempt).map((h) => h.eventId)).toEqual(failures(records));
    expect(hits.filter((h) => h.failedAttempt)).toHaveLength(1);
    expect(hits.find((h) => h.eventId === "640b0c32-6a3e-4358-9309-8ee6c5c32d2f")?.reason).toBe("Root user signed in to the console without MFA from 96.253.26.224.");
  });

  it("invictus-ir: the new user's sign-in without MFA fires, bert-jan's with MFA does not", () => {
    const records = readCorpusRecords("invictus-ir-aws_dataset");
    const expected = expectedIds(records);
    expect(expected).toEqual(["70e5932e-9022-4b38-837e-ca10dad94eb7"]);
    const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext(["123837392027"]));
    expect(hits.map((h) => h.eventId)).toEqual(expected);
    expect(hits[0]?.reason).toBe("IAM user stratus-red-team-nmfalu-gfjyeaypjt signed in to the console without MFA from 192.168.10.20.");
  });

  it("stratus-red-team and grycap: exactly the independently selected sign-ins", () => {
    for (const source of ["stratus-red-team-detonation-logs", "grycap-cloudtrail-tracker"]) {
      const records = readCorpusRecords(source);
      const expected = expectedIds(records);
      const hits = matchEach(rule, records.map((r) => contextualEvent(r)), testContext([]));
      expect(hits.map((h) => h.eventId).sort()).toEqual(expected);
      expect(hits.filter((h) => h.failedAttempt).map((h) => h.eventId).sort()).toEqual(failures(records).filter((id) => expected.includes(id)).sort());
    }
    expect(expectedIds(readCorpusRecords("stratus-red-team-detonation-logs"))).toEqual(["865d9377-9c6b-4fd7-8aad-725e95f6a140"]);
    // 36 ConsoleLogin in grycap: 34 successes by IAM users and root plus 1 failure of alucloud34 fire; the unknown-user failure does not.
    expect(expectedIds(readCorpusRecords("grycap-cloudtrail-tracker"))).toHaveLength(35);
  });
});
