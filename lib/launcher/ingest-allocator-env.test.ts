// The ingest's malloc settings (lib/env.js INGEST_ALLOCATOR_ENV) must reach every process that ingests:
// the worker started by `npm start` (launcher), by `npm run worker`, by docker compose, `trailbench
// ingest` and bench:ingest (the measurement of the 500 MB bar). glibc reads them only at process start.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INGEST_ALLOCATOR_ENV, ingestProcessEnv } from "@/lib/env.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

describe("the ingest's malloc settings", () => {
  it("are the two measured values", () => {
    expect(INGEST_ALLOCATOR_ENV).toEqual({ MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "65536" });
  });

  it("are given to an ingesting child, an operator's own values and the caller's overrides winning", () => {
    const child = ingestProcessEnv({ TRAILBENCH_LOG_LEVEL: "warn" });
    expect(child.MALLOC_MMAP_THRESHOLD_).toBe("65536");
    expect(child.TRAILBENCH_LOG_LEVEL).toBe("warn");
    expect(ingestProcessEnv({ MALLOC_ARENA_MAX: "4" }).MALLOC_ARENA_MAX).toBe("4");
  });

  it("are in the npm scripts that start an ingest process, and in the compose file's worker", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    const prefix = Object.entries(INGEST_ALLOCATOR_ENV).map(([k, v]) => `${k}=\${${k}:-${v}} `).join("");
    expect(scripts.worker).toBe(`${prefix}node --import tsx lib/jobs/worker.ts`);
    expect(scripts["bench:ingest"]).toBe(`${prefix}node --import tsx lib/bench/bench-ingest.ts`);
    const compose = read("docker-compose.yml");
    const worker = compose.slice(compose.indexOf("\n  worker:"));
    for (const [k, v] of Object.entries(INGEST_ALLOCATOR_ENV)) expect(worker).toContain(`      ${k}: "${v}"\n`);
  });

  it("the launcher gives them to the worker only", () => {
    const start = read("lib/launcher/start.ts");
    expect(start).toContain('const childEnv = name === "worker" ? ingestProcessEnv(extraEnv) : childProcessEnv(extraEnv);');
    expect(start).toContain('run(["--import", "tsx", path.join(ROOT, "lib/jobs/worker.ts")], childEnv, "worker")');
  });

  it("`trailbench ingest` started without them runs again in a child that has them (same arguments, same exit code)", () => {
    // A preload (NODE_OPTIONS, inherited by the child) records what each process was started with.
    const dir = mkdtempSync(path.join(os.tmpdir(), "trailbench-malloc-"));
    try {
      const seen = path.join(dir, "seen.txt");
      const preload = path.join(dir, "record.cjs");
      // Main threads only (tsx's loader hooks run in a thread of their own).
      writeFileSync(preload, `if (require("node:worker_threads").isMainThread) require("node:fs").appendFileSync(${JSON.stringify(seen)}, (process.env.MALLOC_MMAP_THRESHOLD_ ?? "-") + " " + process.argv.slice(2).join(" ") + "\\n");`);
      const env = { ...Object.fromEntries(Object.entries(ingestProcessEnv({})).filter(([k]) => !k.startsWith("MALLOC_"))), NODE_OPTIONS: `--require ${preload}` } as unknown as NodeJS.ProcessEnv;
      const bin = path.join(ROOT, "lib/cli/bin.mjs");
      const run = spawnSync(process.execPath, [bin, "ingest", "--help"], { env, encoding: "utf8", timeout: 60_000 });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("--case");
      expect(readFileSync(seen, "utf8")).toBe("- ingest --help\n65536 ingest --help\n");
      // Other commands run in the process they were started in; a bad command's exit status comes through.
      rmSync(seen);
      const other = spawnSync(process.execPath, [bin, "no-such-command"], { env, encoding: "utf8", timeout: 60_000 });
      const failed = spawnSync(process.execPath, [bin, "ingest", "--no-such-option"], { env, encoding: "utf8", timeout: 60_000 });
      expect(readFileSync(seen, "utf8")).toBe("- no-such-command\n- ingest --no-such-option\n65536 ingest --no-such-option\n");
      expect(other.status).not.toBe(0);
      expect(failed.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
