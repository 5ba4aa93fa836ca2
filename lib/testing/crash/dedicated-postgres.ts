// A PostgreSQL cluster of its own (the embedded one the app ships with, in a temp dir, on a free port),
// for a test that restarts the database under a running worker: restarting the shared integration
// cluster would break every other test file running at the same time.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureEmbeddedPostgres, stopEmbeddedPostgresIfRunning, type EmbeddedDatabase } from "@/lib/launcher/embedded-postgres";
import { freePort } from "@/lib/testing/free-port";

export type DedicatedPostgres = {
  url: string;
  /**
   * `pg_ctl stop -m fast` (every session is terminated, as by an administrator's restart or a failover),
   * `downMs` with nothing listening, then a start on the same data directory and port.
   */
  restart: (opts?: { downMs?: number }) => Promise<{ stopMs: number; startMs: number }>;
  /** Stops the cluster and removes its files. */
  destroy: () => Promise<void>;
};

export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "trailbench-restart-pg-"));
  await chmod(dataDir, 0o755); // as root, the cluster runs as the postgres user, which must reach it
  const port = await freePort();
  let current: EmbeddedDatabase = await ensureEmbeddedPostgres({ dataDir, port });
  const url = current.url;
  return {
    url,
    restart: async ({ downMs = 0 } = {}) => {
      let t = performance.now();
      await current.stop();
      const stopMs = performance.now() - t;
      await sleep(downMs);
      t = performance.now();
      current = await ensureEmbeddedPostgres({ dataDir, port });
      if (current.url !== url) throw new Error(`the restarted cluster answers at another address: ${current.url}`);
      return { stopMs: Math.round(stopMs), startMs: Math.round(performance.now() - t) };
    },
    destroy: async () => {
      await current.stop().catch(() => stopEmbeddedPostgresIfRunning(dataDir));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
