import { spawn } from "node:child_process";
import { childProcessEnv } from "@/lib/env.js";

const STDERR_TAIL_CHARS = 4_000;

/** Runs a PostgreSQL client tool; resolves on exit 0, else rejects with the end of its stderr. */
export async function runPgTool(command: string, args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: childProcessEnv(env) });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (c) => resolve(c));
  });
  if (code !== 0) {
    const name = command.split("/").pop();
    throw new Error(`${name} failed (exit ${code}):\n${stderr.trim() || "(no output)"}`);
  }
}
