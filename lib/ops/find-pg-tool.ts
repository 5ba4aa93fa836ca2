// Finds the newest installed pg_dump / pg_restore: the distribution's versioned directories (Debian and
// Ubuntu keep every installed major under /usr/lib/postgresql/<major>/bin, RHEL under /usr/pgsql-<major>,
// Homebrew under opt/postgresql@<major>), then PATH. A newer client works with an older server, never
// the reverse, so the newest one wins; below the server's major the operator gets pgToolAdvice().
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "@/lib/errors";
import { pgToolAdvice, type FoundPgTool, type PgTool, type PgToolAdviceInput } from "@/lib/ops/pg-tool-advice";

const execFileAsync = promisify(execFile);

/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → 15; "pg_dump (PostgreSQL) 9.6.24" → 9. */
export function parsePgToolMajor(versionOutput: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionOutput);
  return m ? Number(m[1]) : null;
}

function versionedCandidates(tool: PgTool): string[] {
  const out: string[] = [];
  const scan = (dir: string, pattern: RegExp, bin: (entry: string) => string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) if (pattern.test(entry)) out.push(bin(entry));
  };
  scan("/usr/lib/postgresql", /^\d+$/, (e) => `/usr/lib/postgresql/${e}/bin/${tool}`);
  scan("/usr", /^pgsql-\d+$/, (e) => `/usr/${e}/bin/${tool}`);
  scan("/opt/homebrew/opt", /^postgresql@\d+$/, (e) => `/opt/homebrew/opt/${e}/bin/${tool}`);
  scan("/usr/local/opt", /^postgresql@\d+$/, (e) => `/usr/local/opt/${e}/bin/${tool}`);
  return out.filter((p) => existsSync(p));
}

async function probe(command: string): Promise<FoundPgTool | null> {
  try {
    const { stdout } = await execFileAsync(command, ["--version"], { timeout: 10_000 });
    const major = parsePgToolMajor(stdout);
    return major === null ? null : { path: command, major };
  } catch {
    return null;
  }
}

/**
 * The pg_dump / pg_restore to run against a server of `serverMajor`, or AppError UNAVAILABLE whose
 * message says exactly what to install (or how to run it with Docker instead).
 */
export async function findPgTool(
  tool: PgTool,
  serverMajor: number,
  advice: Omit<PgToolAdviceInput, "tool" | "serverMajor" | "found">,
  binDir?: string,
): Promise<FoundPgTool> {
  const candidates = binDir ? [path.join(binDir, tool)] : [...versionedCandidates(tool), tool];
  const found = (await Promise.all(candidates.map(probe))).filter((t): t is FoundPgTool => t !== null);
  const newest = found.sort((a, b) => b.major - a.major)[0];
  if (newest && newest.major >= serverMajor) return newest;
  throw new AppError("UNAVAILABLE", pgToolAdvice({ tool, serverMajor, found, ...advice }).join("\n"));
}
