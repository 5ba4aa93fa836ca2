import { spawn } from "node:child_process";

/** Runs GNU tar; resolves with its exit status and the end of its stderr (the caller decides what is fatal). */
export async function runTar(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn("tar", args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4_000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  return { code, stderr: stderr.trim() };
}
