// The real worker process (`node --import tsx lib/jobs/worker.ts`, as `npm run worker` starts it), for
// tests that kill it. It runs in a process group of its own, so kill -9 reaches everything it started;
// its ingest parse threads (Piscina) are threads of that same process and die with it.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ingestProcessEnv } from "@/lib/env.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const OUTPUT_TAIL_CHARS = 8_000;
const live = new Set<WorkerProcess>();

// Last resort if the test process exits without its afterAll (an uncaught error): no worker outlives it.
process.once("exit", () => {
  for (const w of live) w.killGroupSync();
});

export type WorkerOptions = { databaseUrl: string; dataDir: string; authSecret?: string; logLevel?: "debug" | "info" | "warn" | "error" };

export class WorkerProcess {
  readonly child: ChildProcess;
  readonly startedAt = performance.now();
  private out = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(opts: WorkerOptions) {
    this.child = spawn(process.execPath, ["--import", "tsx", "lib/jobs/worker.ts"], {
      cwd: ROOT,
      detached: true, // its own process group: kill(-pid) reaches it and anything it spawned
      stdio: ["ignore", "pipe", "pipe"],
      env: ingestProcessEnv({
        DATABASE_URL: opts.databaseUrl,
        AUTH_SECRET: opts.authSecret ?? "x".repeat(40),
        TRAILBENCH_DATA_DIR: opts.dataDir,
        TRAILBENCH_LOG_LEVEL: opts.logLevel ?? "warn",
      }),
    });
    const keep = (chunk: Buffer) => {
      this.out = (this.out + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        live.delete(this);
        resolve({ code, signal });
      });
    });
    live.add(this);
  }

  static start(opts: WorkerOptions): WorkerProcess {
    return new WorkerProcess(opts);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last few kB of its stdout and stderr (JSON-lines log), for failure messages. */
  output(): string {
    return this.out;
  }

  hasExited(): boolean {
    return this.exitInfo !== null;
  }

  exitStatus() {
    return this.exitInfo;
  }

  /** kill -9 of the whole process group; resolves once the process and every live member are gone. */
  async kill9(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.killGroupSync();
    const status = await this.exited;
    // tsx's esbuild service processes are members too, and SIGKILL reaches them. Once dead they may stay
    // zombies (reparented to a PID 1 that does not reap), gone for every purpose but `kill -0`.
    const deadline = performance.now() + 2_000;
    let alive = liveGroupMembers(this.pid);
    while (alive.length > 0 && performance.now() < deadline) {
      if (this.exitInfo) this.killGroupSync(); // a member left by a graceful exit
      await new Promise((r) => setTimeout(r, 50));
      alive = liveGroupMembers(this.pid);
    }
    if (alive.length > 0) throw new Error(`process group ${this.pid} still has live members after SIGKILL: ${alive.join("; ")}`);
    return status;
  }

  /** SIGTERM (the worker's graceful stop: it finishes or releases its job), then kill -9 of what is left. */
  async stop(graceMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exitInfo) {
      try {
        this.child.kill("SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, graceMs).unref())]);
    }
    const graceful = this.exitInfo;
    const status = await this.kill9();
    return graceful ?? status;
  }

  /**
   * SIGKILL to the process group. Sent only while the group has a member: a group id names our group
   * for as long as it has one, and could be reused by another process once it has none.
   */
  killGroupSync(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (this.exitInfo && liveGroupMembers(pid).length === 0) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      if (!this.exitInfo) {
        try {
          this.child.kill("SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  }
}

/** Non-zombie processes of the group, as "pid state comm" (Linux /proc; elsewhere, kill -0 of the group). */
function liveGroupMembers(pgid: number): string[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    try {
      process.kill(-pgid, 0);
      return [`group ${pgid}`];
    } catch {
      return [];
    }
  }
  const out: string[] = [];
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses: split after the last ")".
    const close = stat.lastIndexOf(")");
    const [state, , pgrp] = stat.slice(close + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z" && state !== "X") out.push(`${pid} ${state} ${stat.slice(stat.indexOf("(") + 1, close)}`);
  }
  return out;
}

/** Kills every worker this test process started and still running (afterAll / finally). */
export async function killAllWorkers(): Promise<void> {
  await Promise.all([...live].map((w) => w.kill9().catch(() => undefined)));
}
