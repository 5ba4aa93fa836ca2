import { main } from "@/lib/cli/main";

/** Runs the `trailbench` program in-process with captured output: what a test asserts line by line. */
export async function runCli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "trailbench", ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}
