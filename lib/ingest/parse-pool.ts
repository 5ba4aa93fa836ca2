// The ingest worker threads. Parsing and normalising CloudTrail JSON is CPU-bound; running it off the
// main thread lets it overlap with PostgreSQL's COPY (stack-notes §9 measured 35k → 52k events/s).
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import type { ParseTask, ParsedFile } from "@/lib/ingest/parse-evidence-task";

export type ParsePool = { run(task: ParseTask): Promise<ParsedFile>; close(): Promise<void> };

export function createParsePool(threads = Math.max(1, Math.min(4, os.availableParallelism()))): ParsePool {
  const pool = new Piscina({
    filename: path.join(import.meta.dirname, "parse-worker.ts"),
    minThreads: threads,
    maxThreads: threads,
    // The worker runs TypeScript sources: load them through tsx whatever process hosts the pool.
    execArgv: ["--import", "tsx"],
    idleTimeout: 5_000,
    // Bounded heaps keep the ingest process under its memory budget whatever the archive size.
    resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 },
  });
  return {
    run: (task) => pool.run(task) as Promise<ParsedFile>,
    close: () => pool.destroy(),
  };
}
