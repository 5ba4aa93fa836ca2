import { stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { storeEvidenceStream } from "@/lib/evidence/evidence-store";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { listIngestRuns, type IngestRunView } from "@/lib/ingest/list-ingest-runs";
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
  return `\r${r.state.padEnd(9)} files ${n(r.filesDone)} · records ${n(r.records)} · inserted ${n(r.inserted)} · duplicates ${n(r.duplicates)} · rejected ${n(r.rejectedFiles)} · ${n(r.eventsPerSecond ?? 0)} ev/s   `;
}

/**
 * `trailbench ingest <path> --case <case>`: stores a file in the evidence store (a folder is walked in
 * place), queues the run, and processes it in this process, unless a worker took it first, in which
 * case it follows the worker's progress. Either way the result is the same run row.
 */
export async function ingestCommand(target: string, opts: { case: string; progress: boolean }): Promise<IngestSummary> {
  const absolute = path.resolve(target);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new AppError("NOT_FOUND", `No such file or folder: ${absolute}`);
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  let source;
  if (info.isDirectory()) {
    source = { origin: "cli", sourceKind: "path", sourceLabel: path.basename(absolute), sourcePath: absolute } as const;
  } else {
    const blob = await storeEvidenceStream(env.TRAILBENCH_DATA_DIR, createReadStream(absolute), Number.MAX_SAFE_INTEGER);
    if (blob.size === 0) throw new AppError("INVALID_INPUT", `${absolute} is empty: there is nothing to ingest.`);
    source = {
      origin: "cli",
      sourceKind: "path",
      sourceLabel: path.basename(absolute),
      sourcePath: blob.path,
      sourceSha256: blob.sha256,
      sourceBytes: blob.size,
    } as const;
  }
  const { ingestRunId } = await enqueueIngest(scope, source);
  const current = async () => (await listIngestRuns(scope, 50)).find((r) => r.id === ingestRunId)!;
  const ticker = opts.progress ? setInterval(() => void current().then((r) => process.stderr.write(renderProgress(r))), 250) : undefined;
  try {
    const outcome = await runIngest(ingestRunId);
    if (outcome === "busy") {
      while (!TERMINAL.has((await db.ingestRun.findUniqueOrThrow({ where: { id: ingestRunId }, select: { state: true } })).state)) {
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
