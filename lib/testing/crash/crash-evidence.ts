// A synthetic S3-layout evidence folder for the crash-recovery test (lib/ingest/crash-recovery.int.test.ts):
// many gzipped CloudTrail delivery files with globally unique eventIDs, a share of records delivered twice
// (the same record in two files, as CloudTrail does), and two corrupt files. Alongside the files it returns
// the outcome an exact ingest must have, computed independently of the ingest code: the first delivery of
// an eventID in walk order (sorted paths) is the one kept; every later delivery is a duplicate.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildSyntheticTrail } from "@/lib/testing/synthetic-trail";

export type CrashEvidenceOptions = {
  /** Good delivery files (the corrupt ones come on top). */
  files: number;
  recordsPerFile: number;
  /** Extra records per file copied verbatim from another file (e.g. 13 of 250 ≈ 5%). */
  duplicatesPerFile: number;
  /** The run's source label: stored paths are `${label}/${relative path}`. */
  label: string;
};

export type ExpectedFile = { path: string; kind: "events" | "rejected"; sha256: string; records: number; inserted: number; duplicates: number };

export type CrashEvidence = {
  dir: string;
  /** Every leaf the walk yields (good + corrupt), i.e. the run's final files_done. */
  leafCount: number;
  corruptPaths: string[];
  expected: {
    counters: { records: number; inserted: number; duplicates: number; rejectedFiles: number; rejectedRecords: number; filesDone: number };
    /** In walk order. */
    files: ExpectedFile[];
    /** eventID → the delivery that must be kept. */
    kept: Map<string, { path: string; position: number }>;
  };
};

const ACCOUNT = "111122223333";
const START = Date.UTC(2023, 6, 10, 8, 0, 0);
const STEP_MS = 7_000; // buildSyntheticTrail's spacing between records

function eventIdOf(n: number): string {
  return `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`;
}

/** File k's own records: buildSyntheticTrail's, moved in time and given IDs unique across files. */
function ownRecords(k: number, perFile: number): Record<string, unknown>[] {
  return buildSyntheticTrail(perFile, START + k * perFile * STEP_MS).map((r, j) => ({
    ...r,
    eventID: eventIdOf(k * perFile + j),
    requestID: `synthetic-req-${k}-${j}`,
  }));
}

export async function buildCrashEvidence(opts: CrashEvidenceOptions): Promise<CrashEvidence> {
  const { files: goodCount, recordsPerFile: perFile, duplicatesPerFile: dupCount, label } = opts;
  if (dupCount >= perFile / 2) throw new Error("duplicatesPerFile too large for the interleaving below");
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-crash-evidence-"));
  const own = Array.from({ length: goodCount }, (_, k) => ownRecords(k, perFile));

  // Two corrupt leaves sit among the good ones (about a third and two thirds into the walk), so that a
  // kill can land with one of them committed and the other not.
  const total = goodCount + 2;
  const corruptAt = new Map<number, "truncated-gzip" | "not-cloudtrail">([
    [Math.floor(total / 3), "truncated-gzip"],
    [Math.floor((2 * total) / 3), "not-cloudtrail"],
  ]);
  const perDay = Math.ceil(total / 10);
  const relPath = (i: number) => {
    const day = String(10 + Math.floor(i / perDay)).padStart(2, "0");
    const stamp = new Date(START + i * 5 * 60_000).toISOString().replace(/[-:]/g, "").slice(0, 13) + "Z";
    // Same depth and fixed-width names: the walk's per-directory sort equals a sort of the full paths.
    return `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2023/07/${day}/${ACCOUNT}_CloudTrail_us-east-1_${stamp}_${String(i).padStart(5, "0")}.json.gz`;
  };

  const kept = new Map<string, { path: string; position: number }>();
  const files: ExpectedFile[] = [];
  const corruptPaths: string[] = [];
  const counters = { records: 0, inserted: 0, duplicates: 0, rejectedFiles: 0, rejectedRecords: 0, filesDone: total };
  const createdDirs = new Set<string>();
  let k = 0;
  for (let i = 0; i < total; i++) {
    const rel = relPath(i);
    const storedPath = `${label}/${rel}`;
    const abs = path.join(dir, rel);
    if (!createdDirs.has(path.dirname(abs))) {
      await mkdir(path.dirname(abs), { recursive: true });
      createdDirs.add(path.dirname(abs));
    }
    const corrupt = corruptAt.get(i);
    let bytes: Buffer;
    if (corrupt === "truncated-gzip") {
      const whole = gzipSync(JSON.stringify({ Records: ownRecords(goodCount + 1, perFile) }));
      bytes = whole.subarray(0, Math.floor(whole.length / 2));
    } else if (corrupt === "not-cloudtrail") {
      bytes = gzipSync(JSON.stringify({ inventory: [{ host: "build-01", owner: "it" }], generated: "2023-07-10" }));
    } else {
      // The file's own records, with `dupCount` records of other files interleaved (some from files
      // earlier in the walk, some from later ones, some in the same commit batch, some not).
      const records: Record<string, unknown>[] = [];
      const dups: Record<string, unknown>[] = [];
      for (let t = 0; t < dupCount; t++) {
        let src = (k * 37 + 11 + t * 53) % goodCount;
        if (src === k) src = (src + 1) % goodCount;
        dups.push(own[src]![(k * 13 + t * 19) % perFile]!);
      }
      const every = Math.floor(perFile / (dupCount + 1));
      own[k]!.forEach((r, j) => {
        records.push(r);
        if (j % every === every - 1 && dups.length > 0) records.push(dups.shift()!);
      });
      records.push(...dups);
      bytes = gzipSync(JSON.stringify({ Records: records }));
      let inserted = 0;
      records.forEach((r, position) => {
        const id = r.eventID as string;
        if (!kept.has(id)) {
          kept.set(id, { path: storedPath, position });
          inserted++;
        }
      });
      files.push({ path: storedPath, kind: "events", sha256: "", records: records.length, inserted, duplicates: records.length - inserted });
      counters.records += records.length;
      counters.inserted += inserted;
      counters.duplicates += records.length - inserted;
      k++;
    }
    if (corrupt) {
      files.push({ path: storedPath, kind: "rejected", sha256: "", records: 0, inserted: 0, duplicates: 0 });
      corruptPaths.push(storedPath);
      counters.rejectedFiles++;
    }
    files[files.length - 1]!.sha256 = createHash("sha256").update(bytes).digest("hex");
    await writeFile(abs, bytes);
  }
  return { dir, leafCount: total, corruptPaths, expected: { counters, files, kept } };
}
