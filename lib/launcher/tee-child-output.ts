import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";

/**
 * Copies a child process's stdout and stderr to the launcher's own (so the terminal, Docker and the e2e
 * runner see them as before) and appends both to `<logsDir>/<name>.log`, readable by the owner only
 * (log lines name users and IP addresses; lib/log.ts redacts secrets). Rotation is left to the host
 * (logrotate's copytruncate works with these append-mode files).
 */
export function teeChildOutput(child: ChildProcess, logsDir: string, name: string): void {
  mkdirSync(logsDir, { recursive: true, mode: 0o700 });
  const file = createWriteStream(path.join(logsDir, `${name}.log`), { flags: "a", mode: 0o600 });
  file.on("error", () => undefined); // a full disk must not take the server down with it
  let open = 0;
  const copy = (from: Readable | null, to: Writable) => {
    if (!from) return;
    open++;
    from.on("data", (chunk: Buffer) => {
      if (to.writable) to.write(chunk);
      file.write(chunk);
    });
    from.once("close", () => {
      if (--open === 0) file.end();
    });
  };
  copy(child.stdout, process.stdout);
  copy(child.stderr, process.stderr);
  if (open === 0) file.end();
}
