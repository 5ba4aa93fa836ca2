// Starts lib/testing/crash/upload-child.ts (the upload routes' code in a process of its own) and reads
// its answer. In its own process group, so that SIGKILL to the group leaves nothing running.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { childProcessEnv } from "@/lib/env.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export type UploadAnswer = { ok: true; value: unknown } | { ok: false; code: string; status: number; message: string };

export type UploadProcess = {
  child: ChildProcess;
  output: () => string;
  /** Resolves once it has read its arguments and checked the case membership (about to read the body). */
  receiving: () => Promise<void>;
  /** Resolves with its answer once it exits (throws when it crashed or was killed). */
  answer: () => Promise<UploadAnswer>;
  kill9: () => Promise<NodeJS.Signals | null>;
};

export function startUploadProcess(args: string[], opts: { databaseUrl: string; dataDir: string }): UploadProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/crash/upload-child.ts", ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: childProcessEnv({ DATABASE_URL: opts.databaseUrl, TRAILBENCH_DATA_DIR: opts.dataDir, AUTH_SECRET: "x".repeat(40), TRAILBENCH_LOG_LEVEL: "warn" }),
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => void (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => void (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => out,
    receiving: async () => {
      const deadline = performance.now() + 30_000;
      while (!out.includes("receiving\n")) {
        if (gone() || performance.now() > deadline) throw new Error(`the upload process did not start:\n${out}`);
        await sleep(20);
      }
    },
    answer: async () => {
      const status = await exited;
      const line = out.split("\n").find((l) => l.startsWith("ok ") || l.startsWith("error "));
      if (status.code !== 0 || !line) throw new Error(`the upload process ended with ${JSON.stringify(status)}:\n${out}`);
      if (line.startsWith("ok ")) return { ok: true, value: JSON.parse(line.slice(3)) as unknown };
      return { ok: false, ...(JSON.parse(line.slice(6)) as { code: string; status: number; message: string }) };
    },
    kill9: async () => {
      if (!gone()) process.kill(-child.pid!, "SIGKILL");
      return (await exited).signal;
    },
  };
}

/** Runs one upload-child command to its end. */
export async function runUploadProcess(args: string[], opts: { databaseUrl: string; dataDir: string }): Promise<UploadAnswer> {
  const p = startUploadProcess(args, opts);
  p.child.stdin!.end();
  return p.answer();
}
