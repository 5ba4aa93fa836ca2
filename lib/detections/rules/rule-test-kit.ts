/**
 * Test support for the built-in rule tests (imported only by *.test.ts): reads the shared third-party
 * corpus with node:fs/zlib + JSON.parse (no project parser, so expected ids stay independent of the code
 * under test), and runs a rule the way the detection run does: only the events its `needs` select, oldest
 * first for sequence rules.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

import { detectionEventFromRecord, type DetectionEvent } from "@/lib/detections/detection-event";
import {
  DEFAULT_DETECTION_SETTINGS,
  principalOf,
  type BuiltinRule,
  type DetectionContext,
  type RuleNeeds,
} from "@/lib/detections/rule-types";

export type RawRecord = Record<string, unknown>;

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/corpus");
export const corpusAvailable = existsSync(path.join(CORPUS_DIR, "MANIFEST.md"));

const cache = new Map<string, RawRecord[]>();

/**
 * Every CloudTrail record of one corpus folder (`Records` files, JSON arrays, single objects, JSON lines;
 * .gz inflated; zips skipped), in file order, first copy of each eventID only (real trails deliver some
 * events twice).
 */
export function readCorpusRecords(source: string): RawRecord[] {
  const cached = cache.get(source);
  if (cached) return cached;
  const seen = new Set<string>();
  const out: RawRecord[] = [];
  for (const file of listFiles(path.join(CORPUS_DIR, source))) {
    if (file.endsWith(".zip") || file.endsWith(".md")) continue;
    const bytes = readFileSync(file);
    const text = (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
    for (const record of recordsOf(text)) {
      const id = typeof record.eventID === "string" ? record.eventID : null;
      if (id !== null && seen.has(id)) continue;
      if (id !== null) seen.add(id);
      out.push(record);
    }
  }
  cache.set(source, out);
  return out;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

function recordsOf(text: string): RawRecord[] {
  let values: unknown[];
  try {
    values = [JSON.parse(text) as unknown];
  } catch {
    values = [];
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        values.push(JSON.parse(line) as unknown);
      } catch {
        // not JSON: not a record
      }
    }
  }
  const out: RawRecord[] = [];
  for (const value of values) {
    const items = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.Records) ? value.Records : [value];
    for (const item of items) if (isObject(item) && typeof item.eventName === "string") out.push(item);
  }
  return out;
}

const isObject = (v: unknown): v is RawRecord => v !== null && typeof v === "object" && !Array.isArray(v);

/** The records of one Panther test-event line set, each with the expected verdict of Panther's rule (see the folder's index). */
export function readPantherTests(): { record: RawRecord; ruleId: string; testName: string; expected: boolean }[] {
  const dir = path.join(CORPUS_DIR, "panther-analysis-cloudtrail-rule-tests");
  const lines = (name: string) =>
    readFileSync(path.join(dir, name), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as RawRecord);
  const events = lines("aws_cloudtrail_rule_test_events.jsonl");
  const index = lines("aws_cloudtrail_rule_test_index.jsonl");
  return events.map((record, i) => ({
    record,
    ruleId: String(index[i]?.rule_id),
    testName: String(index[i]?.test_name),
    expected: index[i]?.expected_result === true,
  }));
}

export function contextFor(accounts: readonly string[], usedRegions: readonly string[] = []): DetectionContext {
  return { caseAccountIds: new Set(accounts), usedRegions: new Set(usedRegions), settings: DEFAULT_DETECTION_SETTINGS };
}

export const toEvents = (records: readonly RawRecord[]): DetectionEvent[] => records.map((r) => detectionEventFromRecord(r));

/** Does the run hand this event to a rule with these needs (the OR of every criterion)? */
export function isNeeded(needs: RuleNeeds, event: DetectionEvent): boolean {
  if (needs.all) return true;
  if (event.eventName !== null && needs.eventNames?.includes(event.eventName)) return true;
  if (event.eventSource !== null && needs.eventSources?.includes(event.eventSource)) return true;
  if (event.identityType !== null && needs.identityTypes?.includes(event.identityType)) return true;
  return event.deviations.some((d) => needs.deviations?.includes(d) ?? false);
}

export type Hit = { eventIds: string[]; principal: string | null; failedAttempt: boolean; reason: string };

/** Runs a rule as the detection run does: selects its needed events, sorts them oldest first (then by eventId), returns every hit. */
export function runRule(rule: BuiltinRule, events: readonly DetectionEvent[], context: DetectionContext): Hit[] {
  const needed = events.filter((e) => isNeeded(rule.needs, e));
  if (rule.kind === "sequence") {
    const sorted = [...needed].sort(
      (a, b) => (a.eventTime?.getTime() ?? 0) - (b.eventTime?.getTime() ?? 0) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
    );
    return rule.evaluate(sorted, context);
  }
  const hits: Hit[] = [];
  for (const event of needed) {
    const match = rule.match(event, context);
    if (match) hits.push({ eventIds: [event.eventId], principal: principalOf(event), ...match });
  }
  return hits;
}

/** The event ids of the hits, sorted (what the corpus tests compare). */
export const hitIds = (hits: readonly Hit[]): string[] => hits.flatMap((h) => h.eventIds).sort();

let fakeCounter = 0;

/**
 * A small hand-written CloudTrail record for branch tests (IAM user "alice" of account 111111111111 calling
 * with a long-term key from the AWS CLI), `fields` replacing the defaults. Corpus tests use real records.
 */
export function fakeRecord(fields: RawRecord): RawRecord {
  fakeCounter += 1;
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAEXAMPLEALICE",
      arn: "arn:aws:iam::111111111111:user/alice",
      accountId: "111111111111",
      accessKeyId: "AKIAEXAMPLEALICE0001",
      userName: "alice",
    },
    eventTime: "2024-01-01T00:00:00Z",
    awsRegion: "us-east-1",
    sourceIPAddress: "203.0.113.10",
    userAgent: "aws-cli/2.15.0 Python/3.11",
    requestParameters: null,
    responseElements: null,
    eventID: `fake-${String(fakeCounter).padStart(4, "0")}`,
    eventType: "AwsApiCall",
    recipientAccountId: "111111111111",
    ...fields,
  };
}
