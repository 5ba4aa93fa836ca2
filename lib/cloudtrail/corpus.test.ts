import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { normalizeEvent } from "./normalize-event";
import { decodeEvidenceBytes, parseEvidenceText, type RawRecord } from "./parse-evidence-text";

/**
 * Checks the parser and normaliser against the shared third-party corpus (see its MANIFEST.md).
 * Only loose files are read: the zip sources belong to the archive-extraction tests.
 * Expected numbers come from MANIFEST.md and from an independent Python pass over the raw files.
 */
const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");
const exists = existsSync(path.join(corpus, "MANIFEST.md"));
if (!exists) console.log("corpus absent: skipping");

type Expected = {
  dir: string;
  files: number;
  records: number;
  /** Distinct eventId after normalisation (MANIFEST "unique"; records without eventID count once each). */
  unique: number;
  formats: Record<string, number>;
  digests?: number;
  notCloudTrail?: Record<string, string>;
  /** Records whose responseElements issue an access key. */
  issued: number;
  nullEventTime: number;
  /** Flag counts; console-session counted independently with grep over the raw files (top-level sessionCredentialFromConsole true). */
  flags: Record<string, number>;
};

const SOURCES: Expected[] = [
  { dir: "invictus-ir-aws_dataset", files: 55, records: 2900, unique: 2900, formats: { records: 55 }, issued: 38, nullEventTime: 0, flags: { "console-session": 256 } },
  { dir: "traildiscover-log-examples", files: 584, records: 563, unique: 314, formats: { "json-array": 564, "single-record": 20 }, issued: 2, nullEventTime: 0, flags: { "eventCategory-inferred": 2, "console-session": 34 } },
  { dir: "stratus-red-team-detonation-logs", files: 35, records: 310, unique: 310, formats: { "json-array": 35 }, issued: 11, nullEventTime: 0, flags: {} },
  {
    dir: "elastic-beats-test-logs-via-matanolabs-logtest", files: 33, records: 41, unique: 39, digests: 1,
    formats: { jsonl: 8, "single-record": 24 }, issued: 2, nullEventTime: 0,
    flags: { "eventCategory-inferred": 38, "missing-eventID": 3, "console-session": 1 },
  },
  { dir: "aws-samples-eks-immersion-lookup-events", files: 2, records: 2, unique: 2, formats: { "lookup-events": 2 }, issued: 0, nullEventTime: 0, flags: {} },
  {
    dir: "panther-analysis-cloudtrail-rule-tests", files: 2, records: 461, unique: 174, formats: { jsonl: 1 },
    notCloudTrail: {
      "aws_cloudtrail_rule_test_index.jsonl":
        "JSON lines without CloudTrail records (line 1: JSON object without Records, Events or eventName/eventSource/eventID fields)",
    },
    issued: 12, nullEventTime: 16,
    flags: {
      "eventCategory-inferred": 268, "missing-eventID": 48, "missing-eventTime": 14, "unparseable-eventTime": 2,
      "eventTime-from-p_event_time": 1, "lowercase-keys": 8,
      // 5 records say "true", 31 say true (a JSON boolean): both mark a console session.
      "console-session": 36,
    },
  },
  { dir: "grycap-cloudtrail-tracker", files: 1071, records: 17602, unique: 17598, formats: { records: 1071 }, issued: 221, nullEventTime: 0, flags: { "eventCategory-inferred": 17602 } },
  { dir: "sans504-s3-ransomware-lab", files: 3872, records: 30477, unique: 23981, formats: { records: 3872 }, issued: 182, nullEventTime: 0, flags: { "console-session": 127 } },
];

function looseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...looseFiles(full));
    else if (entry.isFile() && !entry.name.endsWith(".zip")) out.push(full);
  }
  return out.sort();
}

/** Independent of normalizeEvent on purpose: a plain walk of the raw JSON. */
function issuesAccessKey(value: Record<string, unknown>): boolean {
  const response = value.responseElements as { credentials?: { accessKeyId?: unknown }; accessKey?: { accessKeyId?: unknown } } | null | undefined;
  if (typeof response !== "object" || response === null) return false;
  return typeof response.credentials?.accessKeyId === "string" || typeof response.accessKey?.accessKeyId === "string";
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

describe.skipIf(!exists)("shared CloudTrail corpus", () => {
  for (const source of SOURCES) {
    it(`${source.dir}: ${source.records} records`, { timeout: 120_000 }, () => {
      const files = looseFiles(path.join(corpus, source.dir));
      const formats: Record<string, number> = {};
      const notCloudTrail: Record<string, string> = {};
      const flags: Record<string, number> = {};
      const records: RawRecord[] = [];
      const ids = new Set<string>();
      let errors = 0;
      let digests = 0;
      let issuedByWalk = 0;
      let issuedByNormalize = 0;
      let nullEventTime = 0;

      for (const file of files) {
        const decoded = decodeEvidenceBytes(readFileSync(file));
        if ("error" in decoded) throw new Error(`${file}: ${decoded.error}`);
        const parsed = parseEvidenceText(decoded.text, path.basename(file));
        if (parsed.kind === "digest") digests++;
        else if (parsed.kind === "not-cloudtrail") notCloudTrail[path.basename(file)] = parsed.reason;
        else {
          increment(formats, parsed.format);
          errors += parsed.errors.length;
          for (const record of parsed.records) records.push(record);
        }
      }

      for (const record of records) {
        if (issuesAccessKey(record.value)) issuedByWalk++;
        const row = normalizeEvent(record.value);
        ids.add(row.eventId);
        if (row.issuedAccessKeyId !== null) issuedByNormalize++;
        if (row.eventTime === null) nullEventTime++;
        for (const flag of row.flags) increment(flags, flag);
      }

      expect(files.length).toBe(source.files);
      expect(records.length).toBe(source.records);
      expect(errors).toBe(0);
      expect(digests).toBe(source.digests ?? 0);
      expect(notCloudTrail).toEqual(source.notCloudTrail ?? {});
      expect(formats).toEqual(source.formats);
      expect(ids.size).toBe(source.unique);
      expect(issuedByWalk).toBe(source.issued);
      expect(issuedByNormalize).toBe(issuedByWalk);
      expect(nullEventTime).toBe(source.nullEventTime);
      expect(flags).toEqual(source.flags);
    });
  }
});
