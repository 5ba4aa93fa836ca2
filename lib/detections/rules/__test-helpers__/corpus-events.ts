// Test helper (not a test): reads the shared third-party corpus (../shared/corpus, see its MANIFEST.md)
// with node:fs, node:zlib and JSON.parse only, so the tests can select their expected records with
// plain field checks, independently of the rules. Never copies corpus files into the repo.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

import { normalizeEvent } from "@/lib/cloudtrail/normalize-event";
import { openIpContext } from "@/lib/context/ip-context";
import { parseUserAgent } from "@/lib/context/parse-user-agent";
import { detectionEventFromRecord, type DetectionEvent } from "@/lib/detections/detection-event";
import { DEFAULT_DETECTION_SETTINGS, type DetectionContext, type DetectionSettings, type EventRule } from "@/lib/detections/rule-types";

export type RawRecord = Record<string, unknown>;

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../shared/corpus");
export const corpusPresent = existsSync(path.join(CORPUS_DIR, "MANIFEST.md"));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(full));
    else if (entry.isFile() && !entry.name.endsWith(".zip") && !entry.name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}

function recordsOf(value: unknown): RawRecord[] {
  if (Array.isArray(value)) return value.filter((v): v is RawRecord => v !== null && typeof v === "object" && !Array.isArray(v));
  if (value === null || typeof value !== "object") return [];
  const object = value as RawRecord;
  if (Array.isArray(object.Records)) return recordsOf(object.Records);
  return typeof object.eventName === "string" ? [object] : [];
}

const cache = new Map<string, RawRecord[]>();

/**
 * Every CloudTrail record of one corpus source (loose files: `{"Records":[…]}`, arrays, single records,
 * JSON lines; gzip or not), de-duplicated on eventID as the ingest does (first delivery kept), except
 * for the Panther test events, which re-use eventIDs across unrelated tests (MANIFEST.md, source 5).
 */
export function readCorpusRecords(source: string): RawRecord[] {
  const dedupe = source !== "panther-analysis-cloudtrail-rule-tests";
  const cached = cache.get(source);
  if (cached) return cached;
  const out: RawRecord[] = [];
  const seen = new Set<string>();
  for (const file of files(path.join(CORPUS_DIR, source))) {
    const bytes = readFileSync(file);
    const text = (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
    let records: RawRecord[];
    try {
      records = recordsOf(JSON.parse(text));
    } catch {
      records = text.split("\n").flatMap((line) => {
        try {
          return recordsOf(JSON.parse(line));
        } catch {
          return [];
        }
      });
    }
    for (const record of records) {
      const id = record.eventID;
      if (dedupe && typeof id === "string") {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      out.push(record);
    }
  }
  cache.set(source, out);
  return out;
}

/** A DetectionEvent with the context the ingest resolves (IP kind/country/ASN from the shipped data, tool family). */
export function contextualEvent(record: RawRecord, deviations: readonly string[] = []): DetectionEvent {
  const row = normalizeEvent(record);
  const place = openIpContext().lookup(row.sourceIpAddress);
  const fromConsole = row.flags.includes("console-session") || row.eventSource === "signin.amazonaws.com";
  const tool = parseUserAgent(row.userAgent, { fromConsole }).family;
  return detectionEventFromRecord(record, {
    sourceKind: place.kind,
    sourceCountry: place.country,
    sourceAsn: place.asn,
    tool: tool === "none" ? null : tool,
    deviations,
  });
}

/** Events oldest first (undated last, then by eventId), as the detection run hands them to a sequence rule. */
export function sortedEvents(records: readonly RawRecord[]): DetectionEvent[] {
  return records
    .map((r) => contextualEvent(r))
    .sort((a, b) => (a.eventTime?.getTime() ?? Infinity) - (b.eventTime?.getTime() ?? Infinity) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
}

/** A detection context: the case's accounts and used regions, default thresholds unless overridden. */
export function testContext(
  accounts: readonly string[],
  regions: readonly string[] = [],
  settings: Partial<DetectionSettings> = {},
): DetectionContext {
  return { caseAccountIds: new Set(accounts), usedRegions: new Set(regions), settings: { ...DEFAULT_DETECTION_SETTINGS, ...settings } };
}

/** A string field of a raw record at a dotted path, read by hand (no rule code). */
export function rawString(record: unknown, dotted: string): string | undefined {
  let value: unknown = record;
  for (const step of dotted.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as RawRecord)[step];
  }
  return typeof value === "string" ? value : undefined;
}

export type Match = { eventId: string; failedAttempt: boolean; reason: string };

/** An event rule run over events one by one, as the detection run does: the hits with their event ids. */
export function matchEach(rule: EventRule, events: readonly DetectionEvent[], context: DetectionContext): Match[] {
  const out: Match[] = [];
  for (const event of events) {
    const hit = rule.match(event, context);
    if (hit) out.push({ eventId: event.eventId, ...hit });
  }
  return out;
}

export const OWN_ACCOUNT = "111122223333";

/**
 * A small hand-written CloudTrail record for edge cases the corpus lacks: an IAM user "alice" of
 * OWN_ACCOUNT calling `eventName` with the AWS CLI, overridden field by field (top-level keys).
 */
export function handRecord(eventId: string, eventName: string, fields: RawRecord = {}): RawRecord {
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAEXAMPLEALICE",
      arn: `arn:aws:iam::${OWN_ACCOUNT}:user/alice`,
      accountId: OWN_ACCOUNT,
      accessKeyId: "AKIAEXAMPLEALICE0001",
      userName: "alice",
    },
    eventTime: "2024-05-01T10:00:00Z",
    eventSource: "ec2.amazonaws.com",
    eventName,
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.7",
    userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22",
    requestParameters: null,
    responseElements: null,
    eventID: eventId,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: OWN_ACCOUNT,
    eventCategory: "Management",
    ...fields,
  };
}
