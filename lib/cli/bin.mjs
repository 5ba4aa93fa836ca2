#!/usr/bin/env node
// `trailbench` CLI entry point: loads the TypeScript sources with tsx (a runtime dependency) so the CLI
// shares lib/ with the web app exactly, then runs lib/cli/main.ts.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { ingestProcessEnv, missingIngestAllocatorEnv } from "../env.js";

if (process.argv[2] === "ingest" && missingIngestAllocatorEnv().length > 0) {
  // `trailbench ingest` is an ingest process: glibc reads the ingest's malloc settings (lib/env.js
  // INGEST_ALLOCATOR_ENV) only at start, so the command runs again in a child started with them.
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: ingestProcessEnv({}) });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  process.exitCode = await new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0))),
  );
} else {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  const { main } = await import("./main.ts");
  process.exitCode = await main(process.argv);
}
