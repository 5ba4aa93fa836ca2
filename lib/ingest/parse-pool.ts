// The ingest worker threads. Parsing and normalising CloudTrail JSON is CPU-bound; running it off the
// main thread lets it overlap with PostgreSQL's COPY (stack-notes §9 measured 35k → 52k events/s).
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { log } from "@/lib/log";
import { ingestIpData, type IngestIpData } from "@/lib/ingest/event-context";
import { bundleParseWorker } from "@/lib/ingest/parse-worker-bundle";
import type { ParseTask, ParsedFile } from "@/lib/ingest/parse-evidence-task";
import type { ParseGroup } from "@/lib/ingest/parse-worker";

export type ParsePool = {
  /** Queues one file; files are sent to the threads in groups (see flush). */
  run(task: ParseTask): Promise<ParsedFile>;
  /** Sends the files queued so far. Call before waiting on any of their results. */
  flush(): void;
  close(): Promise<void>;
};

const GROUP_SIZE = 8;

/**
 * The threads' code: the esbuild bundle of parse-worker.ts (parse-worker-bundle.ts), else the TypeScript
 * source loaded through tsx (slower, same results) if the bundle cannot be built here.
 */
function workerCode(): { filename: string; execArgv: string[] } {
  try {
    return { filename: bundleParseWorker(), execArgv: [] };
  } catch (err) {
    log.warn("ingest threads run the TypeScript sources through tsx: the parse worker could not be bundled", { err: (err as Error).message.slice(0, 300) });
    return { filename: path.join(import.meta.dirname, "parse-worker.ts"), execArgv: ["--import", "tsx"] };
  }
}

export function createParsePool(
  threads = Math.max(1, Math.min(4, os.availableParallelism())),
  /** The IP data sent with each group (tests: another data directory's uploads). */
  ipData: () => IngestIpData = () => ingestIpData(),
): ParsePool {
  const pool = new Piscina({
    ...workerCode(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 5_000,
    // Bounded heaps keep the ingest process under its memory budget whatever the archive size.
    resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 },
  });
  // Piscina reports on the pool itself what belongs to no task: above all a thread's answer that arrives
  // after close() (an ingest attempt that fails on a database restart closes the pool with files in
  // flight; their callers were already told). Unheard, that 'error' event would end the worker process.
  pool.on("error", (err: Error) => log.warn("ingest thread pool: a message for no task was ignored", { err: err.message.slice(0, 200) }));
  let group: { task: ParseTask; resolve: (r: ParsedFile) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const sent = group;
    group = [];
    const tasks = sent.map((g) => g.task);
    // The IP data is loaded here once and shared with the threads (see event-context.ts).
    const message: ParseGroup = { ipData: tasks.every((t) => t.withoutContext) ? null : ipData(), tasks };
    (pool.run(message) as Promise<ParsedFile[]>).then(
      (results) => sent.forEach((g, i) => g.resolve(results[i]!)),
      (err: unknown) => sent.forEach((g) => g.reject(err)),
    );
  };
  return {
    run: (task) =>
      new Promise<ParsedFile>((resolve, reject) => {
        group.push({ task, resolve, reject });
        if (group.length >= GROUP_SIZE) flush();
      }),
    flush,
    close: () => pool.destroy(),
  };
}
