// The parse threads' code as one JavaScript file, built with esbuild from lib/ingest/parse-worker.ts
// (packages left as imports). Loaded through tsx instead, every thread pays for tsx's loader and its
// `keepNames` transform, which wraps each named closure in a defineProperty call on the hot path:
// measured, the bundle parses ~20% faster per record and each thread holds ~20 MB less.
// Built when a pool starts (~30 ms), named by its content's hash under node_modules/.cache/trailbench
// (packages resolve from there as from the sources), so a changed source is always a new file.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRY = path.join(ROOT, "lib/ingest/parse-worker.ts");
export const PARSE_WORKER_CACHE_DIR = path.join(ROOT, "node_modules/.cache/trailbench");

type BuildSync = (options: Record<string, unknown>) => { outputFiles?: { text: string }[] };

/** The bundled parse worker's path; throws if esbuild cannot build it (the caller falls back to tsx). */
export function bundleParseWorker(): string {
  // Required at run time, not imported: only the ingest's process needs esbuild, and a bundler (Next's,
  // for the web app) must not try to bundle esbuild itself.
  const { buildSync } = createRequire(import.meta.url)("esbuild") as { buildSync: BuildSync };
  const result = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles?.[0]?.text;
  if (!text) throw new Error("esbuild produced no output for the parse worker");
  const file = path.join(PARSE_WORKER_CACHE_DIR, `parse-worker-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.mjs`);
  if (existsSync(file)) {
    const now = new Date();
    utimesSync(file, now, now); // in use: kept by the pruning below
  } else {
    mkdirSync(PARSE_WORKER_CACHE_DIR, { recursive: true });
    // Written aside then renamed: two ingests starting together never load a half-written file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, file);
    pruneOldBundles(file);
  }
  return file;
}

/** Bundles of earlier sources unused for a week (a running pool may still start threads from its file). */
const PRUNE_AFTER_MS = 7 * 24 * 3600 * 1000;

export function pruneOldBundles(keep: string, dir = PARSE_WORKER_CACHE_DIR, now = Date.now()): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === keep || !name.startsWith("parse-worker-")) continue;
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat && now - stat.mtimeMs > PRUNE_AFTER_MS) rmSync(file, { force: true });
  }
}
