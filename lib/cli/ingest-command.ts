import { stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { storeEvidenceStream } from "@/lib/evidence/evidence-store";
import { measureFolder } from "@/lib/evidence/measure-folder";
import { enqueueIngest, type IngestSource } from "@/lib/ingest/enqueue-ingest";
import { parseS3Url } from "@/lib/sources/s3/parse-s3-url";
import { ZSourceSpec } from "@/lib/sources/source-spec";
import { getIngestRun, type IngestRunView } from "@/lib/ingest/list-ingest-runs";
import { runIngest } from "@/lib/ingest/run-ingest";

export type IngestSummary = {
  ingestRunId: string;
  state: IngestRunView["state"];
  files: number;
  records: number;
  inserted: number;
  duplicates: number;
  rejected: { file: string; reason: string }[];
  eventsPerSecond: number;
  message: string | null;
};

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

function renderProgress(r: IngestRunView): string {
  const n = (v: number) => v.toLocaleString("en-US");
  // A bar when the total is known (files, folders, uploads); S3 and API runs show counts only.
  const width = 24;
  const share = r.sourceBytes ? Math.min(1, r.bytesDone / r.sourceBytes) : null;
  const bar = share === null ? "" : `[${"#".repeat(Math.round(share * width)).padEnd(width, "-")}] ${String(Math.round(share * 100)).padStart(3)}% `;
  return `\r${bar}${r.state.padEnd(9)} files ${n(r.filesDone)} · records ${n(r.records)} · inserted ${n(r.inserted)} · duplicates ${n(r.duplicates)} · rejected ${n(r.rejectedFiles)} · ${n(r.eventsPerSecond ?? 0)} ev/s   `;
}

export type IngestTarget =
  | { kind: "path"; path: string }
  | { kind: "s3"; url: string; accounts: string[]; regions: string[]; from?: string; to?: string; endpoint?: string; bucketRegion?: string }
  | { kind: "lookup-events"; regions: string[]; from: string; to: string; attribute?: string; endpoint?: string };

async function sourceFor(target: IngestTarget): Promise<IngestSource> {
  if (target.kind === "s3") {
    const { bucket, prefix } = parseS3Url(target.url);
    return {
      origin: "cli",
      sourceKind: "s3",
      sourceLabel: target.url,
      sourceSpec: ZSourceSpec.parse({
        kind: "s3",
        bucket,
        prefix,
        accounts: target.accounts,
        regions: target.regions,
        from: target.from,
        to: target.to,
        endpoint: target.endpoint,
        region: target.bucketRegion,
      }),
    };
  }
  if (target.kind === "lookup-events") {
    const [key, ...rest] = target.attribute?.split("=") ?? [];
    return {
      origin: "cli",
      sourceKind: "lookup-events",
      sourceLabel: `CloudTrail LookupEvents ${target.regions.join(", ")} ${target.from} → ${target.to}`,
      sourceSpec: ZSourceSpec.parse({
        kind: "lookup-events",
        regions: target.regions,
        from: target.from,
        to: target.to,
        endpoint: target.endpoint,
        lookupAttribute: target.attribute ? { key, value: rest.join("=") } : undefined,
      }),
    };
  }
  const absolute = path.resolve(target.path);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new AppError("NOT_FOUND", `No such file or folder: ${absolute}`);
  if (info.isDirectory()) {
    return { origin: "cli", sourceKind: "path", sourceLabel: path.basename(absolute), sourcePath: absolute, sourceBytes: (await measureFolder(absolute)).bytes };
  }
  // A single file (or archive) is first kept whole in the evidence store, under its sha256.
  const blob = await storeEvidenceStream(env.TRAILBENCH_DATA_DIR, createReadStream(absolute), Number.MAX_SAFE_INTEGER);
  if (blob.size === 0) throw new AppError("INVALID_INPUT", `${absolute} is empty: there is nothing to ingest.`);
  return {
    origin: "cli",
    sourceKind: "path",
    sourceLabel: path.basename(absolute),
    sourcePath: blob.path,
    sourceSha256: blob.sha256,
    sourceBytes: blob.size,
  };
}

/**
 * `trailbench ingest <path|s3://bucket/prefix>` and `trailbench ingest --lookup-events`: queues the run
 * and processes it in this process, unless a worker took it first, in which case it follows the
 * worker's progress. Either way the result is the same run row.
 */
export async function ingestCommand(target: IngestTarget, opts: { case: string; progress: boolean }): Promise<IngestSummary> {
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  const { ingestRunId } = await enqueueIngest(scope, await sourceFor(target));
  const current = () => getIngestRun(scope, ingestRunId);
  const ticker = opts.progress ? setInterval(() => void current().then((r) => process.stderr.write(renderProgress(r))), 250) : undefined;
  try {
    const outcome = await runIngest(ingestRunId);
    if (outcome === "busy") {
      while (!TERMINAL.has((await current()).state)) {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    if (ticker) clearInterval(ticker);
  }
  const run = await current();
  if (opts.progress) process.stderr.write(renderProgress(run) + "\n");
  return {
    ingestRunId,
    state: run.state,
    files: run.filesDone,
    records: run.records,
    inserted: run.inserted,
    duplicates: run.duplicates,
    rejected: run.problems,
    eventsPerSecond: run.eventsPerSecond ?? 0,
    message: run.message,
  };
}
