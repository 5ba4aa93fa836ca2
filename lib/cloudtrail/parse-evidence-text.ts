import { isCloudTrailDigest, toCloudTrailDigest, type CloudTrailDigest } from "./cloudtrail-digest";
import { isCloudTrailRecord } from "./is-cloudtrail-record";

export { decodeEvidenceBytes } from "./decode-evidence-bytes";
export type { CloudTrailDigest, CloudTrailDigestLogFile } from "./cloudtrail-digest";

export type RawRecord = {
  /** 0-based slot among this file's records in file order; error slots count too, so positions are stable locators. */
  position: number;
  /** 1-based line for JSON lines input (the line of the enclosing page when a line holds many records); else null. */
  line: number | null;
  value: Record<string, unknown>;
};

export type RecordError = { position: number; line: number | null; reason: string };

export type EvidenceFormat = "records" | "json-array" | "single-record" | "jsonl" | "lookup-events";

export type ParsedEvidence =
  | { kind: "events"; format: EvidenceFormat; records: RawRecord[]; errors: RecordError[] }
  | { kind: "digest"; digest: CloudTrailDigest }
  | { kind: "not-cloudtrail"; reason: string };

const NOT_A_TOP_LEVEL_RECORD = "JSON object without Records, Events or eventName/eventSource/eventID fields";
const NOT_A_RECORD = "JSON object without eventName, eventSource or eventID";
const JSONL_NAME = /\.(?:jsonl|ndjson|jsonlines)(?:\.gz)?$/i;
/** Reasons end up in the database and the UI; V8 messages quote input, which may be hostile. */
const MAX_REASON_CHARS = 500;

/**
 * Recognises what one decoded evidence file holds, by content: an S3 delivery object
 * (`{"Records":[…]}`), a digest file, a JSON array of records, one bare record, JSON lines (each line a
 * record or a whole Records / lookup-events page), or `aws cloudtrail lookup-events` output.
 * The file name is only a tie-break: a one-line `.jsonl` file is reported as "jsonl" (keeping line
 * numbers) and a `.jsonl` file that fails the JSON-lines heuristic is still read line by line.
 *
 * One bad record never rejects the file: it becomes a `RecordError` occupying its position, and the
 * others are returned. A file with nothing CloudTrail in it is `not-cloudtrail` with a precise reason.
 */
export function parseEvidenceText(text: string, fileName: string): ParsedEvidence {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = firstNonBlank(body, 0, body.length);
  if (first === -1) return notCloudTrail("empty file");
  const namedJsonl = JSONL_NAME.test(fileName);

  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    // JSON lines never parse as a whole; neither does a JSON-lines file with one truncated line.
    if (looksLikeJsonLines(body) || (namedJsonl && body.charCodeAt(first) === 0x7b)) return parseJsonLines(body);
    return notCloudTrail(`not JSON: ${describeJsonError(error, body)}`);
  }
  if (namedJsonl && isObject(document) && !isCloudTrailDigest(document) && isOneLine(body, first)) {
    return parseJsonLines(body);
  }
  return classifyDocument(document);
}

type Sink = { records: RawRecord[]; errors: RecordError[]; next: number };

function classifyDocument(document: unknown): ParsedEvidence {
  const sink: Sink = { records: [], errors: [], next: 0 };
  if (Array.isArray(document)) {
    for (const element of document) collectItem(element, null, sink);
    const firstError = sink.errors[0];
    if (sink.records.length === 0 && firstError !== undefined) {
      return notCloudTrail(`JSON array without CloudTrail records (element ${firstError.position}: ${firstError.reason})`);
    }
    return events("json-array", sink);
  }
  if (!isObject(document)) return notCloudTrail(`JSON ${describeType(document)} at top level, not an object or array`);

  if (document.Records !== undefined) {
    if (!Array.isArray(document.Records)) return notCloudTrail(`"Records" is ${describeType(document.Records)}, not an array`);
    for (const element of document.Records) collectRecord(element, null, sink, "");
    return events("records", sink);
  }
  if (isCloudTrailDigest(document)) return { kind: "digest", digest: toCloudTrailDigest(document) };
  if (Array.isArray(document.Events) && !isCloudTrailRecord(document)) {
    if (document.Events.length > 0 && !document.Events.some(hasCloudTrailEventKey)) {
      return notCloudTrail("JSON object with Events but no CloudTrailEvent fields (not aws cloudtrail lookup-events output)");
    }
    collectLookupEvents(document.Events, null, sink);
    return events("lookup-events", sink);
  }
  if (isCloudTrailRecord(document)) {
    sink.records.push({ position: sink.next++, line: null, value: document });
    return events("single-record", sink);
  }
  return notCloudTrail(NOT_A_TOP_LEVEL_RECORD);
}

function parseJsonLines(body: string): ParsedEvidence {
  const sink: Sink = { records: [], errors: [], next: 0 };
  let start = 0;
  for (let lineNumber = 1; ; lineNumber++) {
    const newline = body.indexOf("\n", start);
    const end = newline === -1 ? body.length : newline;
    const stop = end > start && body.charCodeAt(end - 1) === 0x0d ? end - 1 : end; // CRLF files
    if (firstNonBlank(body, start, stop) !== -1) {
      let value: unknown;
      let parsed = true;
      try {
        value = JSON.parse(body.slice(start, stop));
      } catch (error) {
        parsed = false;
        fail(sink, lineNumber, `not valid JSON: ${errorMessage(error)}`);
      }
      if (parsed) collectItem(value, lineNumber, sink);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  const firstError = sink.errors[0];
  if (sink.records.length === 0 && firstError !== undefined) {
    return notCloudTrail(`JSON lines without CloudTrail records (line ${firstError.line}: ${firstError.reason})`);
  }
  return events("jsonl", sink);
}

/** One element of a top-level array or one JSON line: a record, or a whole page to flatten. */
function collectItem(value: unknown, line: number | null, sink: Sink): void {
  if (!isObject(value)) return fail(sink, line, `not a JSON object (${describeType(value)})`);
  if (isCloudTrailRecord(value)) {
    sink.records.push({ position: sink.next++, line, value });
    return;
  }
  if (value.Records !== undefined) {
    if (!Array.isArray(value.Records)) return fail(sink, line, `"Records" is ${describeType(value.Records)}, not an array`);
    for (const element of value.Records) collectRecord(element, line, sink, "");
    return;
  }
  if (Array.isArray(value.Events)) return collectLookupEvents(value.Events, line, sink);
  if (isCloudTrailDigest(value)) return fail(sink, line, "CloudTrail digest among events (a digest must be its own file)");
  fail(sink, line, NOT_A_TOP_LEVEL_RECORD);
}

function collectRecord(value: unknown, line: number | null, sink: Sink, context: string): void {
  if (!isObject(value)) return fail(sink, line, `${context}not a JSON object (${describeType(value)})`);
  if (!isCloudTrailRecord(value)) return fail(sink, line, context + NOT_A_RECORD);
  sink.records.push({ position: sink.next++, line, value });
}

/** `lookup-events` wraps each record as a JSON *string*; the record is that string parsed. */
function collectLookupEvents(entries: unknown[], line: number | null, sink: Sink): void {
  for (const entry of entries) {
    if (!isObject(entry)) {
      fail(sink, line, `lookup-events entry is not a JSON object (${describeType(entry)})`);
      continue;
    }
    const text = entry.CloudTrailEvent;
    if (isObject(text)) {
      // Already unwrapped by a post-processing step (`jq '.CloudTrailEvent |= fromjson'`).
      collectRecord(text, line, sink, "CloudTrailEvent: ");
      continue;
    }
    if (typeof text !== "string") {
      fail(sink, line, "lookup-events entry without a CloudTrailEvent string");
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(sink, line, `CloudTrailEvent is not valid JSON: ${errorMessage(error)}`);
      continue;
    }
    collectRecord(value, line, sink, "CloudTrailEvent: ");
  }
}

function hasCloudTrailEventKey(entry: unknown): boolean {
  return isObject(entry) && entry.CloudTrailEvent !== undefined;
}

/**
 * Whole-file parse failed: is this JSON lines with a bad line, rather than a broken JSON document?
 * Most non-blank lines must be complete `{…}` lines; pretty-printed JSON has almost none.
 */
function looksLikeJsonLines(body: string): boolean {
  let nonBlank = 0;
  let objectLines = 0;
  let start = 0;
  for (;;) {
    const newline = body.indexOf("\n", start);
    const end = newline === -1 ? body.length : newline;
    const first = firstNonBlank(body, start, end);
    if (first !== -1) {
      nonBlank++;
      if (body.charCodeAt(first) === 0x7b && body.charCodeAt(lastNonBlank(body, start, end)) === 0x7d) objectLines++;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return nonBlank >= 2 && objectLines * 2 >= nonBlank;
}

function isOneLine(body: string, first: number): boolean {
  const newline = body.indexOf("\n", first);
  return newline === -1 || firstNonBlank(body, newline + 1, body.length) === -1;
}

/** Index of the first non-JSON-whitespace character in [from, to), or -1. */
function firstNonBlank(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}

function lastNonBlank(s: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}

/** Older V8 (Node 20) reports only "at position N"; add the line and column a human needs. */
function describeJsonError(error: unknown, source: string): string {
  const message = errorMessage(error);
  const match = /at position (\d+)/.exec(message);
  if (match === null || /\bline \d+/.test(message)) return message;
  const position = Math.min(Number(match[1]), source.length);
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf("\n"); i !== -1 && i < position; i = source.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${message} (line ${line} column ${position - lineStart + 1})`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function cleanReason(reason: string): string {
  const noNul = reason.indexOf("\u0000") === -1 ? reason : reason.replaceAll("\u0000", "\\u0000");
  if (noNul.length <= MAX_REASON_CHARS) return noNul;
  let end = MAX_REASON_CHARS - 1;
  const last = noNul.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // never leave half a surrogate pair
  return noNul.slice(0, end) + "…";
}

function fail(sink: Sink, line: number | null, reason: string): void {
  sink.errors.push({ position: sink.next++, line, reason: cleanReason(reason) });
}

function notCloudTrail(reason: string): ParsedEvidence {
  return { kind: "not-cloudtrail", reason: cleanReason(reason) };
}

function events(format: EvidenceFormat, sink: Sink): ParsedEvidence {
  return { kind: "events", format, records: sink.records, errors: sink.errors };
}
