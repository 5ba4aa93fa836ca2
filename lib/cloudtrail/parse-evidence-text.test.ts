import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { decodeEvidenceBytes, parseEvidenceText, type ParsedEvidence } from "./parse-evidence-text";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "__fixtures__");
const fixture = (name: string) => readFileSync(path.join(fixtures, name), "utf8");

function expectEvents(parsed: ParsedEvidence) {
  if (parsed.kind !== "events") throw new Error(`expected events, got ${JSON.stringify(parsed).slice(0, 200)}`);
  return parsed;
}

/** The exact message this runtime's JSON.parse gives, so assertions stay exact across Node versions. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("input unexpectedly parsed");
}

const slots = (p: { records: { position: number; line: number | null }[] }) => p.records.map((r) => [r.position, r.line]);

describe("parseEvidenceText: formats by content", () => {
  it("reads an S3 delivery file ({Records}) of 13 records with null lines", () => {
    const parsed = expectEvents(parseEvidenceText(fixture("identities.records.json"), "whatever.txt"));
    expect(parsed.format).toBe("records");
    expect(parsed.records).toHaveLength(13);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(parsed.records.every((r) => r.line === null)).toBe(true);
    expect(parsed.records[1]?.value.eventName).toBe("CreateAccessKey");
  });

  it("reads a JSON array, including records carrying Datadog/Logstash/Panther extra fields", () => {
    const parsed = expectEvents(parseEvidenceText(fixture("array.json"), "a.json"));
    expect(parsed.format).toBe("json-array");
    expect(slots(parsed)).toEqual([[0, null], [1, null], [2, null]]);
    expect(parsed.records.map((r) => r.value.eventName)).toEqual(["GetSecretValue", "DescribeInstanceTypes", "PutUserPolicy"]);
    expect(parsed.errors).toEqual([]);
  });

  it("reads a single bare record, and an Insights event that has eventID but no eventName", () => {
    const bare = expectEvents(parseEvidenceText(fixture("bare-object.json"), "bare.json"));
    expect(bare.format).toBe("single-record");
    expect(slots(bare)).toEqual([[0, null]]);
    expect(bare.records[0]?.value.eventName).toBe("StopLogging");

    const insight = expectEvents(parseEvidenceText(fixture("insight.json"), "insight.json"));
    expect(insight.format).toBe("single-record");
    expect(insight.records[0]?.value.eventID).toBe("7f0c2b1a-5e4d-4c3b-9a8f-112233445566");
  });

  it("reads lookup-events output by parsing each CloudTrailEvent string", () => {
    const parsed = expectEvents(parseEvidenceText(fixture("lookup-events.json"), "out.json"));
    expect(parsed.format).toBe("lookup-events");
    expect(slots(parsed)).toEqual([[0, null], [1, null]]);
    expect(parsed.records.map((r) => r.value.eventID)).toEqual([
      "e05b6d2e-0020-4000-8000-000000000020",
      "e05b6d2e-0021-4000-8000-000000000021",
    ]);
    expect(parsed.records[1]?.value.errorCode).toBe("AccessDenied");
    expect(parsed.errors).toEqual([]);
  });

  it("reads JSON lines and keeps good lines around a broken one", () => {
    const parsed = expectEvents(parseEvidenceText(fixture("broken-line.jsonl"), "x.bin"));
    expect(parsed.format).toBe("jsonl");
    expect(slots(parsed)).toEqual([[0, 1], [2, 4]]);
    expect(parsed.records.map((r) => r.value.eventName)).toEqual(["CreateUser", "AttachUserPolicy"]);
    const broken = fixture("broken-line.jsonl").split("\n")[2] as string;
    expect(parsed.errors).toEqual([{ position: 1, line: 3, reason: `not valid JSON: ${jsonError(broken)}` }]);
  });

  it("flattens JSON lines whose lines are Records pages or lookup-events pages", () => {
    const parsed = expectEvents(parseEvidenceText(fixture("pages.jsonl"), "pages.jsonl"));
    expect(parsed.format).toBe("jsonl");
    expect(slots(parsed)).toEqual([[0, 1], [1, 1], [2, 2]]);
    expect(parsed.records.map((r) => r.value.eventName)).toEqual(["StopLogging", "DeleteTrail", "DeleteFlowLogs"]);
    expect(parsed.errors).toEqual([
      { position: 3, line: 2, reason: `CloudTrailEvent is not valid JSON: ${jsonError('{"eventName":"PutEventSelectors",')}` },
    ]);
  });

  it("recognises a digest file, pretty or as the single line of an NDJSON file", () => {
    const text = fixture("digest.json");
    for (const [body, name] of [[text, "d.json"], [JSON.stringify(JSON.parse(text), null, 2), "d.json"], [text, "d.ndjson"]] as const) {
      const parsed = parseEvidenceText(body, name);
      if (parsed.kind !== "digest") throw new Error(`expected digest, got ${parsed.kind}`);
      expect(parsed.digest.awsAccountId).toBe("111122223333");
      expect(parsed.digest.digestEndTime).toBe("2023-07-10T12:36:49Z");
      expect(parsed.digest.previousDigestHashAlgorithm).toBe("SHA-256");
      expect(parsed.digest.logFiles).toHaveLength(2);
      expect(parsed.digest.logFiles[1]?.hashValue).toBe("1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809");
    }
  });

  it("drops mistyped digest fields instead of passing them on with a false type", () => {
    const parsed = parseEvidenceText(
      JSON.stringify({ digestStartTime: "a", digestEndTime: 5, previousDigestSignature: null, logFiles: [7, { s3Object: ["x"], hashValue: "h" }], extra: 1 }),
      "d.json",
    );
    expect(parsed).toEqual({
      kind: "digest",
      digest: { digestStartTime: "a", previousDigestSignature: null, logFiles: [{ hashValue: "h" }], extra: 1 },
    });
  });

  it("uses the .jsonl name only as a tie-break for a one-line file", () => {
    const line = '{"eventName":"ListUsers","eventID":"e1"}\n';
    expect(expectEvents(parseEvidenceText(line, "x.json")).format).toBe("single-record");
    const hinted = expectEvents(parseEvidenceText(line, "x.jsonl"));
    expect(hinted.format).toBe("jsonl");
    expect(slots(hinted)).toEqual([[0, 1]]);
  });

  it("handles CRLF line endings, blank lines and a BOM in JSON lines", () => {
    const text = '\uFEFF{"eventName":"A"}\r\n\r\n   \r\n{"eventName":"B"}\r\n';
    const parsed = expectEvents(parseEvidenceText(text, "x"));
    expect(parsed.format).toBe("jsonl");
    expect(slots(parsed)).toEqual([[0, 1], [1, 4]]);
  });

  it("reports non-object and non-CloudTrail elements as per-record errors in their slots", () => {
    const parsed = expectEvents(
      parseEvidenceText(JSON.stringify({ Records: [{ eventName: "A" }, 42, null, ["x"], { foo: 1 }, { eventSource: "s3.amazonaws.com" }] }), "r.json"),
    );
    expect(slots(parsed)).toEqual([[0, null], [5, null]]);
    expect(parsed.errors).toEqual([
      { position: 1, line: null, reason: "not a JSON object (number)" },
      { position: 2, line: null, reason: "not a JSON object (null)" },
      { position: 3, line: null, reason: "not a JSON object (array)" },
      { position: 4, line: null, reason: "JSON object without eventName, eventSource or eventID" },
    ]);
  });

  it("reports bad lookup-events entries per record", () => {
    const parsed = expectEvents(
      parseEvidenceText(
        JSON.stringify({ Events: [{ CloudTrailEvent: '{"eventID":"x"}' }, { EventId: "no-string" }, "str", { CloudTrailEvent: "[1]" }, { CloudTrailEvent: "{}" }, { CloudTrailEvent: { eventID: "y" } }] }),
        "l.json",
      ),
    );
    expect(parsed.format).toBe("lookup-events");
    expect(slots(parsed)).toEqual([[0, null], [5, null]]);
    expect(parsed.records[1]?.value).toEqual({ eventID: "y" });
    expect(parsed.errors).toEqual([
      { position: 1, line: null, reason: "lookup-events entry without a CloudTrailEvent string" },
      { position: 2, line: null, reason: "lookup-events entry is not a JSON object (string)" },
      { position: 3, line: null, reason: "CloudTrailEvent: not a JSON object (array)" },
      { position: 4, line: null, reason: "CloudTrailEvent: JSON object without eventName, eventSource or eventID" },
    ]);
  });

  it("accepts empty containers as zero events", () => {
    for (const [text, format] of [["[]", "json-array"], ['{"Records":[]}', "records"], ['{"Events":[]}', "lookup-events"]] as const) {
      expect(parseEvidenceText(text, "e.json")).toEqual({ kind: "events", format, records: [], errors: [] });
    }
  });
});

describe("parseEvidenceText: not CloudTrail", () => {
  const reason = (text: string, name = "f.json") => {
    const parsed = parseEvidenceText(text, name);
    if (parsed.kind !== "not-cloudtrail") throw new Error(`expected not-cloudtrail, got ${parsed.kind}`);
    return parsed.reason;
  };

  it("says why, precisely", () => {
    expect(reason("")).toBe("empty file");
    expect(reason(" \n\t\r\n")).toBe("empty file");
    expect(reason("\uFEFF")).toBe("empty file");
    expect(reason('{"rule_id":"x","test_name":"y"}')).toBe("JSON object without Records, Events or eventName/eventSource/eventID fields");
    expect(reason('{"Records":{"eventName":"A"}}')).toBe('"Records" is object, not an array');
    expect(reason('"just a string"')).toBe("JSON string at top level, not an object or array");
    expect(reason("null")).toBe("JSON null at top level, not an object or array");
    expect(reason("[1,2]")).toBe("JSON array without CloudTrail records (element 0: not a JSON object (number))");
    expect(reason('{"Events":[{"id":1}]}')).toBe("JSON object with Events but no CloudTrailEvent fields (not aws cloudtrail lookup-events output)");
    expect(reason("id,name\n1,x\n")).toBe(`not JSON: ${jsonError("id,name\n1,x\n")}`);
  });

  it("adds line and column to whole-file JSON errors that only give a position", () => {
    const text = '{\n  "Records": [\n    {"eventName": "A",}\n  ]\n}';
    const message = jsonError(text);
    const expected = /line \d+/.test(message) ? message : `${message} (line 3 column 23)`;
    expect(reason(text)).toBe(`not JSON: ${expected}`);
  });

  it("classifies the Panther index JSONL (rule_id/test_name rows) as not CloudTrail", () => {
    const rows = '{"line": 1, "rule_id": "AWS.X", "test_name": "t", "expected_result": true}\n{"line": 2, "rule_id": "AWS.Y", "test_name": "u", "expected_result": false}\n';
    expect(reason(rows, "aws_cloudtrail_rule_test_index.jsonl")).toBe(
      "JSON lines without CloudTrail records (line 1: JSON object without Records, Events or eventName/eventSource/eventID fields)",
    );
  });

  it("does not mistake a broken pretty-printed document for JSON lines", () => {
    const text = '{\n "Records": [\n  {"eventName": "A"},\n  {"eventName": "B"\n ]\n}\n';
    expect(reason(text)).toMatch(/^not JSON: /);
  });

  it("keeps NUL out of reasons, since V8 quotes the offending input", () => {
    const text = "x\u0000<script>";
    const message = jsonError(text);
    expect(message.includes("\u0000")).toBe(true);
    expect(reason(text)).toBe(`not JSON: ${message.replaceAll("\u0000", "\\u0000")}`);
  });
});

describe("decodeEvidenceBytes", () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it("decodes UTF-8, strips a BOM, gunzips by magic bytes (not by name)", () => {
    expect(decodeEvidenceBytes(utf8('{"a":"é"}'))).toEqual({ text: '{"a":"é"}' });
    expect(decodeEvidenceBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("{}")]))).toEqual({ text: "{}" });
    expect(decodeEvidenceBytes(gzipSync(utf8('\uFEFF{"Records":[]}')))).toEqual({ text: '{"Records":[]}' });
    const member = gzipSync(utf8("ab"));
    expect(decodeEvidenceBytes(new Uint8Array([...member, ...member]))).toEqual({ text: "abab" });
  });

  it("decodes UTF-16 with a BOM (PowerShell redirection)", () => {
    const le = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]);
    expect(decodeEvidenceBytes(le)).toEqual({ text: "{}" });
    expect(decodeEvidenceBytes(be)).toEqual({ text: "{}" });
  });

  it("rejects invalid UTF-8 with the offset of the bad byte", () => {
    expect(decodeEvidenceBytes(new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x7d]))).toEqual({
      error: "not valid UTF-8 text: invalid byte sequence at offset 2",
    });
    expect(decodeEvidenceBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xed, 0xa0, 0x80]))).toEqual({
      error: "not valid UTF-8 text: invalid byte sequence at offset 4",
    });
    expect(decodeEvidenceBytes(new Uint8Array([0x41, 0xe2, 0x82]))).toEqual({
      error: "not valid UTF-8 text: invalid byte sequence at offset 1",
    });
  });

  it("reports corrupt and oversized gzip clearly", () => {
    const gz = gzipSync(utf8("x".repeat(10_000)));
    expect(decodeEvidenceBytes(gz.subarray(0, gz.length - 12))).toEqual({ error: "corrupt gzip: unexpected end of file" });
    expect(decodeEvidenceBytes(new Uint8Array([0x1f, 0x8b, 0, 0, 0]))).toEqual({ error: "corrupt gzip: unknown compression method" });
    expect(decodeEvidenceBytes(gz, { maxOutputLength: 9_999 })).toEqual({ error: "decompressed size exceeds 9999 bytes" });
    expect(decodeEvidenceBytes(gz, { maxOutputLength: 10_000 })).toEqual({ text: "x".repeat(10_000) });
    expect(decodeEvidenceBytes(gz, { maxOutputLength: 0 })).toEqual({ error: "invalid maxOutputLength: 0" });
  });

  it("feeds parseEvidenceText end to end for a gzipped delivery file", () => {
    const decoded = decodeEvidenceBytes(gzipSync(readFileSync(path.join(fixtures, "identities.records.json"))));
    if (!("text" in decoded)) throw new Error(decoded.error);
    expect(expectEvents(parseEvidenceText(decoded.text, "x.json.gz")).records).toHaveLength(13);
  });
});
