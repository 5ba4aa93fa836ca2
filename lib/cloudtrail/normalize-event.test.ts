import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { canonicalJson } from "./canonical-json";
import type { EventRow } from "./event-row";
import { normalizeEvent } from "./normalize-event";
import { parseEventTime } from "./parse-event-time";

type Json = Record<string, unknown>;
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "__fixtures__");
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), "utf8"));
const identities = (load("identities.records.json") as { Records: Json[] }).Records;
const record = (i: number): Json => structuredClone(identities[i] as Json);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const EMPTY: EventRow = {
  eventId: "", eventTime: null, eventVersion: null, eventSource: null, eventName: null, awsRegion: null,
  sourceIpAddress: null, userAgent: null, identityType: null, principalArn: null, principalId: null,
  principalAccountId: null, userName: null, accessKeyId: null, sessionIssuerArn: null, sessionName: null,
  sourceIdentity: null, invokedBy: null, mfaAuthenticated: null, recipientAccountId: null, errorCode: null,
  errorMessage: null, readOnly: null, eventType: null, eventCategory: null, managementEvent: null,
  requestId: null, sharedEventId: null, vpcEndpointId: null, issuedAccessKeyId: null, resources: [], flags: [],
};
/** Defaults shared by most fixture records (account 111122223333, us-east-1, management API call). */
const MGMT = { awsRegion: "us-east-1", recipientAccountId: "111122223333", eventType: "AwsApiCall", eventCategory: "Management", managementEvent: true };
const row = (fields: Partial<EventRow>): EventRow => ({ ...EMPTY, ...fields });
const at = (iso: string) => new Date(iso);

describe("normalizeEvent: every identity type, exact rows", () => {
  const expected: EventRow[] = [
    row({ ...MGMT, eventId: "0a1b2c3d-0001-4000-8000-000000000001", eventTime: at("2023-07-10T11:42:18Z"), eventVersion: "1.08", eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin", sourceIpAddress: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0", identityType: "Root", principalArn: "arn:aws:iam::111122223333:root", principalId: "111122223333", principalAccountId: "111122223333", userName: "root", accessKeyId: "", readOnly: false, eventType: "AwsConsoleSignIn" }),
    row({ ...MGMT, eventId: "0a1b2c3d-0002-4000-8000-000000000002", eventTime: at("2023-07-10T11:43:05Z"), eventVersion: "1.08", eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", sourceIpAddress: "198.51.100.7", userAgent: "AWS Internal", identityType: "IAMUser", principalArn: "arn:aws:iam::111122223333:user/alice", principalId: "AIDACKCEVSQ6C2EXAMPLE", principalAccountId: "111122223333", userName: "alice", accessKeyId: "ASIAXYZEXAMPLE000001", mfaAuthenticated: true, readOnly: false, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000002", issuedAccessKeyId: "AKIAI44QH8DHBEXAMPLE", resources: ["arn:aws:iam::111122223333:user/bob"], flags: ["console-session"] }),
    row({ ...MGMT, eventId: "0a1b2c3d-0003-4000-8000-000000000003", eventTime: at("2023-07-10T11:45:31Z"), eventVersion: "1.09", eventSource: "sts.amazonaws.com", eventName: "AssumeRole", sourceIpAddress: "203.0.113.10", userAgent: "aws-cli/2.13.0 Python/3.11.4 Linux/6.2.0 exe/x86_64.ubuntu.22 prompt/off command/sts.assume-role", identityType: "AssumedRole", principalArn: "arn:aws:sts::111122223333:assumed-role/Admin/alice-session", principalId: "AROAEXAMPLEROLEID0001:alice-session", principalAccountId: "111122223333", userName: "Admin", accessKeyId: "ASIAXYZEXAMPLE000002", sessionIssuerArn: "arn:aws:iam::111122223333:role/Admin", sessionName: "alice-session", sourceIdentity: "alice@example.com", mfaAuthenticated: false, readOnly: true, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000003", sharedEventId: "5d3a1c2b-0003-4000-8000-00000000aaaa", issuedAccessKeyId: "ASIAXYZEXAMPLE000003", resources: ["arn:aws:iam::444455556666:role/CrossAccountAudit"] }),
    row({ ...MGMT, eventId: "0a1b2c3d-0004-4000-8000-000000000004", eventTime: at("2023-07-10T11:51:12Z"), eventVersion: "1.08", eventSource: "s3.amazonaws.com", eventName: "ListBuckets", sourceIpAddress: "203.0.113.44", userAgent: "[Boto3/1.28.0 md/Botocore#1.31.0 ua/2.0 os/linux#6.2.0 md/arch#x86_64 lang/python#3.11.4 cfg/retry-mode#legacy Botocore/1.31.0]", identityType: "FederatedUser", principalArn: "arn:aws:sts::111122223333:federated-user/Bob", principalId: "111122223333:Bob", principalAccountId: "111122223333", userName: "fed-broker", accessKeyId: "ASIAXYZEXAMPLE000004", sessionIssuerArn: "arn:aws:iam::111122223333:user/fed-broker", sessionName: "Bob", mfaAuthenticated: false, readOnly: true, requestId: "R8EXAMPLE0000004" }),
    row({ ...MGMT, eventId: "0a1b2c3d-0005-4000-8000-000000000005", eventTime: at("2023-07-10T11:52:00Z"), eventVersion: "1.08", eventSource: "sts.amazonaws.com", eventName: "AssumeRole", sourceIpAddress: "lambda.amazonaws.com", userAgent: "lambda.amazonaws.com", identityType: "AWSService", principalArn: "lambda.amazonaws.com", userName: "lambda.amazonaws.com", invokedBy: "lambda.amazonaws.com", readOnly: true, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000005", sharedEventId: "5d3a1c2b-0005-4000-8000-00000000bbbb", issuedAccessKeyId: "ASIAXYZEXAMPLE000005", resources: ["arn:aws:iam::111122223333:role/service-role/exporter-role"] }),
    row({ ...MGMT, eventId: "0a1b2c3d-0006-4000-8000-000000000006", eventTime: at("2023-07-10T11:53:44Z"), eventVersion: "1.08", eventSource: "kms.amazonaws.com", eventName: "Decrypt", sourceIpAddress: "192.0.2.99", userAgent: "aws-sdk-java/1.12.500", identityType: "AWSAccount", principalId: "AIDAEXAMPLEFOREIGN01", principalAccountId: "444455556666", errorCode: "AccessDenied", errorMessage: "User: arn:aws:iam::444455556666:user/eve is not authorized to perform: kms:Decrypt", readOnly: true, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000006", sharedEventId: "5d3a1c2b-0006-4000-8000-00000000cccc", vpcEndpointId: "vpce-0a1b2c3d4e5f60001" }),
    row({ ...MGMT, eventId: "0a1b2c3d-0007-4000-8000-000000000007", eventTime: at("2023-07-10T11:55:09.512Z"), eventVersion: "1.09", eventSource: "sso.amazonaws.com", eventName: "ListAccounts", sourceIpAddress: "198.51.100.7", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.5 Safari/605.1.15", identityType: "IdentityCenterUser", principalAccountId: "111122223333", sourceIdentity: "94482488-3041-7026-18f3-be45837cd0e4", readOnly: true, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000007" }),
    row({ ...MGMT, eventId: "0a1b2c3d-0008-4000-8000-000000000008", eventTime: at("2023-07-10T11:56:00Z"), eventVersion: "1.08", eventSource: "sts.amazonaws.com", eventName: "AssumeRoleWithSAML", sourceIpAddress: "198.51.100.8", userAgent: "aws-internal/3", identityType: "SAMLUser", principalId: "SampleUkh1i4+ExamplexL/jEvs=:SamlExample", userName: "SamlExample", readOnly: true, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000008", issuedAccessKeyId: "ASIAXYZEXAMPLE000008", resources: ["arn:aws:iam::111122223333:role/SAMLTestRoleShibboleth", "arn:aws:iam::111122223333:saml-provider/Shibboleth"] }),
    row({ ...MGMT, eventId: "0a1b2c3d-0009-4000-8000-000000000009", eventTime: at("2023-07-10T11:57:30Z"), eventVersion: "1.08", eventSource: "sts.amazonaws.com", eventName: "AssumeRoleWithWebIdentity", sourceIpAddress: "198.51.100.9", userAgent: "aws-sdk-go-v2/1.18.0", identityType: "WebIdentityUser", principalId: "accounts.google.com:app-id.apps.googleusercontent.com:108123456789012345678", userName: "108123456789012345678", readOnly: true, requestId: "9b1c7f7e-1b2a-4c3d-8e9f-000000000009", issuedAccessKeyId: "ASIAXYZEXAMPLE000009", resources: ["arn:aws:iam::111122223333:role/FederatedWebIdentityRole"] }),
    row({ ...MGMT, eventId: "0a1b2c3d-0010-4000-8000-000000000010", eventTime: at("2023-07-10T11:58:02Z"), eventVersion: "1.08", eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin", sourceIpAddress: "192.0.2.200", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0", identityType: "Unknown", principalId: "111122223333", principalAccountId: "111122223333", userName: "HIDDEN_DUE_TO_SECURITY_REASONS", errorMessage: "No username found in supplied account", readOnly: false, eventType: "AwsConsoleSignIn" }),
    row({ ...MGMT, eventId: "0a1b2c3d-0011-4000-8000-000000000011", eventTime: at("2023-07-10T11:59:59Z"), eventVersion: "1.08", eventSource: "ec2.amazonaws.com", eventName: "SharedSnapshotCopyInitiated", sourceIpAddress: "ec2.amazonaws.com", userAgent: "ec2.amazonaws.com", principalAccountId: "111122223333", invokedBy: "ec2.amazonaws.com", readOnly: false, eventType: "AwsServiceEvent" }),
    row({ ...MGMT, eventId: "0a1b2c3d-0012-4000-8000-000000000012", eventTime: at("2023-07-10T12:00:01Z"), eventVersion: "1.09", eventSource: "s3.amazonaws.com", eventName: "GetObject", sourceIpAddress: "203.0.113.77", userAgent: "[aws-cli/2.13.0 Python/3.11.4 Linux/6.2.0 exe/x86_64.ubuntu.22 prompt/off command/s3.sync]", identityType: "IAMUser", principalArn: "arn:aws:iam::111122223333:user/backup-bot", principalId: "AIDAEXAMPLEBULKREAD1", principalAccountId: "111122223333", userName: "backup-bot", accessKeyId: "AKIAIOSFODNN7EXAMPLE", readOnly: true, eventCategory: "Data", managementEvent: false, requestId: "QWERTYEXAMPLE012", resources: ["arn:aws:s3:::finance-reports/2023/q2/payroll.xlsx", "arn:aws:s3:::finance-reports"] }),
    row({ eventId: "0a1b2c3d-0013-4000-8000-000000000013", eventTime: at("2014-09-27T19:44:15Z"), eventVersion: "1.01", eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", awsRegion: "sa-east-1", sourceIpAddress: "192.0.2.14", userAgent: "signin.amazonaws.com", identityType: "IAMUser", principalArn: "arn:aws:iam::111122223333:user/student01", principalId: "AIDAEXAMPLESTUDENT01", principalAccountId: "111122223333", userName: "student01", accessKeyId: "ASIAXYZEXAMPLE000013", invokedBy: "signin.amazonaws.com", mfaAuthenticated: false, eventCategory: "Management", requestId: "c1a2b3c4-0013-4000-8000-000000000013", flags: ["eventCategory-inferred"] }),
  ];

  it("has one expectation per fixture record", () => expect(expected).toHaveLength(identities.length));
  expected.forEach((want, i) => {
    it(`record ${i}: ${want.identityType ?? "no type"} ${want.eventName}`, () => expect(normalizeEvent(record(i))).toEqual(want));
  });

  it("handles a record without userIdentity (Insights) and infers its category when absent", () => {
    const insight = load("insight.json") as Json;
    expect(normalizeEvent(insight)).toEqual(row({ eventId: "7f0c2b1a-5e4d-4c3b-9a8f-112233445566", eventTime: at("2023-07-10T12:00:00Z"), eventVersion: "1.08", awsRegion: "us-east-1", recipientAccountId: "111122223333", eventType: "AwsCloudTrailInsight", eventCategory: "Insight", sharedEventId: "1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6" }));
    delete insight.eventCategory;
    const inferred = normalizeEvent(insight);
    expect([inferred.eventCategory, inferred.flags]).toEqual(["Insight", ["eventCategory-inferred"]]);
  });

  it("infers Data from managementEvent false, and nothing when there is no evidence", () => {
    const data = record(11);
    delete data.eventCategory;
    expect(normalizeEvent(data).eventCategory).toBe("Data");
    const bare = normalizeEvent({ eventName: "X", eventID: "1" });
    expect([bare.eventCategory, bare.flags]).toEqual([null, ["missing-eventTime"]]);
  });
});

describe("normalizeEvent: identity corner cases", () => {
  it("derives userName from the ARN, and the session name from assumed-role ARNs, for any type", () => {
    const out = normalizeEvent({ eventID: "1", userIdentity: { type: "Unknown", arn: "arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_38ed/jane" } });
    expect([out.userName, out.sessionName, out.principalArn]).toEqual(["jane", "jane", "arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_38ed/jane"]);
    const noSession = normalizeEvent({ eventID: "1", userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::1:assumed-role/tester" } });
    expect([noSession.userName, noSession.sessionName]).toEqual(["tester", null]);
  });

  it("keeps exact empty strings but skips them in fallback chains", () => {
    const out = normalizeEvent({ eventID: "1", userIdentity: { type: "Unknown", principalId: "", arn: "", accountId: "1", accessKeyId: "", userName: "" } });
    expect([out.principalArn, out.principalId, out.accessKeyId, out.userName]).toEqual(["", "", "", null]);
  });

  it("uses the Root userName when present, sourceIdentity fallbacks, and MFA booleans", () => {
    expect(normalizeEvent({ eventID: "1", userIdentity: { type: "Root", userName: "grycap-aws" } }).userName).toBe("grycap-aws");
    expect(normalizeEvent({ eventID: "1", sourceIdentity: "top" }).sourceIdentity).toBe("top");
    const mfa = (value: unknown) => normalizeEvent({ eventID: "1", userIdentity: { sessionContext: { attributes: { mfaAuthenticated: value } } } }).mfaAuthenticated;
    expect([mfa("true"), mfa("false"), mfa(true), mfa(false), mfa("yes"), mfa(1)]).toEqual([true, false, true, false, null, null]);
  });

  it("stringifies numeric ids only, and ignores wrongly typed strings", () => {
    const out = normalizeEvent({ eventID: 42, eventName: 7, recipientAccountId: 111122223333, requestID: 5, userIdentity: { accountId: 123456789012, arn: ["x"], type: { a: 1 } } });
    expect([out.eventId, out.eventName, out.recipientAccountId, out.requestId, out.principalAccountId, out.principalArn, out.identityType]).toEqual(["42", null, "111122223333", "5", "123456789012", null, null]);
  });

  it("reads issuedAccessKeyId only from object responseElements", () => {
    const issued = (responseElements: unknown) => normalizeEvent({ eventID: "1", responseElements }).issuedAccessKeyId;
    expect(issued(null)).toBe(null);
    expect(issued('{"credentials":{"accessKeyId":"ASIAX"}}')).toBe(null);
    expect(issued({ credentials: null, accessKey: { accessKeyId: "AKIAX" } })).toBe("AKIAX");
    expect(issued({ credentials: { accessKeyId: 5 } })).toBe(null);
  });

  it("reads lower-cased exports (Athena/Security Lake column names)", () => {
    const out = normalizeEvent({ awsregion: "eu-west-1", eventcategory: "Data", eventid: "5d4b", eventname: "GetRecords", eventsource: "dynamodb.amazonaws.com", eventtime: "2023-01-10 21:04:02", managementevent: false, useridentity: { arn: "arn:aws:iam::1:user/x", sessioncontext: { sessionissuer: { arn: "arn:aws:iam::1:role/r" } } } });
    expect(out).toEqual({ ...EMPTY, eventId: "5d4b", eventTime: at("2023-01-10T21:04:02Z"), eventSource: "dynamodb.amazonaws.com", eventName: "GetRecords", awsRegion: "eu-west-1", principalArn: "arn:aws:iam::1:user/x", userName: "x", sessionIssuerArn: "arn:aws:iam::1:role/r", eventCategory: "Data", managementEvent: false, flags: ["lowercase-keys"] });
  });
});

describe("normalizeEvent: ids and times", () => {
  it("derives tb-sha256 ids from the key-sorted record, independent of key order", () => {
    const a = { eventName: "X", b: [1, { z: true, a: null }], "é": "\u2028" };
    const canonical = '{"b":[1,{"a":null,"z":true}],"eventName":"X","é":"\u2028"}';
    expect(canonicalJson(a)).toBe(canonical);
    const out = normalizeEvent(a);
    expect(out.eventId).toBe(`tb-sha256:${sha256(canonical)}`);
    expect(out.flags).toEqual(["missing-eventID", "missing-eventTime"]);
    expect(normalizeEvent({ "é": "\u2028", b: [1, { a: null, z: true }], eventName: "X" }).eventId).toBe(out.eventId);
    expect(normalizeEvent({ eventID: "", eventName: "X" }).flags[0]).toBe("missing-eventID");
    expect(normalizeEvent({ eventID: { id: 1 } }).flags[0]).toBe("invalid-eventID");
  });

  it("replaces oversized eventIDs", () => {
    const rec = { eventID: "e".repeat(257), eventTime: "2023-07-10T11:42:18Z" };
    const out = normalizeEvent(rec);
    expect([out.eventId, out.flags]).toEqual([`tb-sha256:${sha256(canonicalJson(rec))}`, ["oversized-eventID"]]);
    expect(normalizeEvent({ eventID: "e".repeat(256) }).eventId).toBe("e".repeat(256));
  });

  it("parses every timestamp form seen in real exports, as UTC", () => {
    const cases: [unknown, string | null][] = [
      ["2023-07-10T11:42:18Z", "2023-07-10T11:42:18.000Z"],
      ["2023-07-10T11:42:18.5Z", "2023-07-10T11:42:18.500Z"],
      ["2022-11-21T18:06:52.000000000Z", "2022-11-21T18:06:52.000Z"],
      ["2022-11-21 18:06:52", "2022-11-21T18:06:52.000Z"],
      ["2022-11-21 18:06:52.123456789", "2022-11-21T18:06:52.123Z"],
      ["2023-12-13T01:14:20+00:00", "2023-12-13T01:14:20.000Z"],
      ["2023-12-13T03:14:20+0200", "2023-12-13T01:14:20.000Z"],
      ["2023-12-12T20:14:20-05", "2023-12-13T01:14:20.000Z"],
      ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
      [1688989338, "2023-07-10T11:42:18.000Z"],
      [1688989338123, "2023-07-10T11:42:18.123Z"],
      ["1688989338", "2023-07-10T11:42:18.000Z"],
      ["0099-01-01T00:00:00Z", "0099-01-01T00:00:00.000Z"],
      ["2023-02-29T00:00:00Z", null],
      ["2023-07-10T24:00:00Z", null],
      ["2023-07-10T11:42:18ZZ", null],
      ["2023-07-10T11:42:18.Z", null],
      ["2023-07-10", null],
      ["redacted", null],
      ["...", null],
      ["March 7, 2023", null],
      [true, null],
      [1e20, null],
    ];
    for (const [input, want] of cases) expect([input, parseEventTime(input)?.toISOString() ?? null]).toEqual([input, want]);
  });

  it("flags unparseable, missing and fallback times", () => {
    const t = (rec: Json) => { const r = normalizeEvent(rec); return [r.eventTime?.toISOString() ?? null, r.flags]; };
    expect(t({ eventID: "1", eventTime: "redacted", "@timestamp": "2020-09-14T00:44:20.000Z" })).toEqual([null, ["unparseable-eventTime"]]);
    expect(t({ eventID: "1", "@timestamp": "2020-09-14T00:44:20.000Z" })).toEqual(["2020-09-14T00:44:20.000Z", ["eventTime-from-@timestamp"]]);
    expect(t({ eventID: "1", eventTime: null, p_event_time: "2019-01-01 00:20:04.000Z" })).toEqual(["2019-01-01T00:20:04.000Z", ["eventTime-from-p_event_time"]]);
    expect(t({ eventID: "1", "@timestamp": "nope" })).toEqual([null, ["missing-eventTime"]]);
  });
});

describe("normalizeEvent: hostile input", () => {
  it("keeps markup and formula strings verbatim (escaping is the renderer's job)", () => {
    const out = normalizeEvent({ eventID: "<script>alert(1)</script>", eventName: "=HYPERLINK(\"x\")", userAgent: "<img src=x onerror=alert(1)>", userIdentity: { userName: "@SUM(1+1)*cmd|' /C calc'!A0" } });
    expect([out.eventId, out.eventName, out.userAgent, out.userName, out.flags]).toEqual(["<script>alert(1)</script>", "=HYPERLINK(\"x\")", "<img src=x onerror=alert(1)>", "@SUM(1+1)*cmd|' /C calc'!A0", ["missing-eventTime"]]);
  });

  it("removes NUL characters (PostgreSQL text cannot store them) and flags once", () => {
    const out = normalizeEvent({ eventID: "ab\u0000cd", eventTime: "2023-07-10T11:42:18Z", errorMessage: "Access\u0000Denied\u0000", userAgent: "\u0000" });
    expect([out.eventId, out.errorMessage, out.userAgent, out.flags]).toEqual(["abcd", "AccessDenied", "", ["nul-removed"]]);
  });

  it("truncates 100k-char strings to 8192 without splitting a surrogate pair", () => {
    const huge = "A".repeat(100_000);
    const out = normalizeEvent({ eventID: "1", eventTime: "2023-07-10T11:42:18Z", userAgent: huge, errorMessage: "x".repeat(8191) + "😀tail", userIdentity: { arn: "arn:" + huge } });
    expect(out.userAgent).toBe("A".repeat(8192));
    expect(out.errorMessage).toBe("x".repeat(8191));
    expect(out.principalArn).toBe(("arn:" + huge).slice(0, 8192));
    expect(out.userName).toBe(null);
    expect(out.flags).toEqual(["truncated:userAgent", "truncated:principalArn", "truncated:errorMessage"]);
  });

  it("survives hostile shapes: non-objects, __proto__ keys, 100k-deep nesting", () => {
    for (const input of [null, 5, "s", [], [1, 2], true]) expect(normalizeEvent(input as unknown as Json).eventId).toMatch(/^tb-sha256:[0-9a-f]{64}$/);
    const proto = JSON.parse('{"__proto__":{"eventName":"polluted"},"eventID":"p","userIdentity":{"__proto__":{"type":"Root"}}}') as Json;
    const out = normalizeEvent(proto);
    expect([out.eventName, out.identityType, ({} as Json).eventName]).toEqual([null, null, undefined]);
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as unknown;
    expect(normalizeEvent({ eventName: "X", requestParameters: deep }).eventId).toMatch(/^tb-sha256:[0-9a-f]{64}$/);
  });

  it("never throws and keeps its invariants on 3000 random JSON records", () => {
    let seed = 0x2545f491;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const keys = ["eventID", "eventTime", "eventName", "userIdentity", "type", "arn", "sessionContext", "sessionIssuer", "attributes", "mfaAuthenticated", "responseElements", "credentials", "accessKey", "accessKeyId", "readOnly", "managementEvent", "@timestamp", "onBehalfOf", "userId", "eventid", "eventname", "useridentity", "__proto__", "x"];
    const scalars: unknown[] = ["", "\u0000", "true", "False", "2023-07-10T11:42:18Z", "arn:aws:sts::1:assumed-role/", "a/b/", "\ud800", 0, -1, 1e308, 1688989338, true, false, null];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 4 || r < 0.45) return pick(scalars);
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 3) }, () => gen(depth + 1));
      const o: Json = {};
      for (let i = Math.floor(rand() * 6); i > 0; i--) Object.defineProperty(o, pick(keys), { value: gen(depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    };
    const base = identities.map((r) => JSON.stringify(r));
    for (let i = 0; i < 3000; i++) {
      const input = i % 2 === 0 ? gen(0) : { ...(JSON.parse(pick(base)) as Json), [pick(keys)]: gen(1) };
      const out = normalizeEvent(input as Json);
      expect(out.eventId.length > 0 && out.eventId.length <= 256).toBe(true);
      expect(out.eventTime === null || !Number.isNaN(out.eventTime.getTime())).toBe(true);
      for (const value of Object.values(out)) {
        if (typeof value === "string") expect(value.length <= 8192 && !value.includes("\u0000")).toBe(true);
      }
    }
  });
});
