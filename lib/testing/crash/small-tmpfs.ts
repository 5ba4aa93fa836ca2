// A small tmpfs to use as a data directory that fills up (disk-full tests). Mounting needs root (or
// CAP_SYS_ADMIN), as in CI; elsewhere `mountSmallTmpfs` says why it could not, and the test skips.
import { execFile } from "node:child_process";
import { chmod, mkdtemp, open, rm, rmdir, statfs } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);
const CHUNK = Buffer.alloc(1024 * 1024, 0x5a);

export type SmallTmpfs = {
  dir: string;
  /** Bytes still free for an unprivileged writer. */
  freeBytes: () => Promise<number>;
  /** Writes a filler file until only `leaveBytes` (rounded down to whole pages) are free; 0: until ENOSPC. */
  fill: (leaveBytes: number) => Promise<void>;
  /** Deletes the filler file: the space is free again. */
  unfill: () => Promise<void>;
  unmount: () => Promise<void>;
};

export async function mountSmallTmpfs(sizeBytes: number): Promise<SmallTmpfs | { skipped: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-small-disk-"));
  try {
    await execFileAsync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes},mode=0755`, "tmpfs", dir]);
  } catch (err) {
    await rmdir(dir).catch(() => undefined);
    return { skipped: `cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): ${(err as Error).message.trim()}` };
  }
  await chmod(dir, 0o755);
  const filler = path.join(dir, "filler");
  const freeBytes = async () => {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    freeBytes,
    fill: async (leaveBytes) => {
      const file = await open(filler, "a");
      try {
        let toWrite = leaveBytes === 0 ? Number.POSITIVE_INFINITY : (await freeBytes()) - leaveBytes;
        while (toWrite > 0) {
          const n = Math.min(CHUNK.length, toWrite);
          try {
            await file.write(CHUNK, 0, n);
          } catch (err) {
            if ((err as { code?: string }).code === "ENOSPC") break;
            throw err;
          }
          toWrite -= n;
        }
      } finally {
        await file.close();
      }
    },
    unfill: () => rm(filler, { force: true }),
    unmount: async () => {
      await execFileAsync("umount", [dir]);
      await rmdir(dir);
    },
  };
}
