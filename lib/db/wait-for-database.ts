import { setTimeout as sleep } from "node:timers/promises";
import { getPool } from "@/lib/db/client";

/**
 * Resolves true once the database answers again (polled every `intervalMs`), false when `timeoutMs`
 * pass or `signal` aborts first. For a process that lost its database mid-work (PostgreSQL restarting)
 * and must record something there before carrying on.
 */
export async function waitForDatabase(opts: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal }): Promise<boolean> {
  const deadline = performance.now() + opts.timeoutMs;
  for (;;) {
    if (opts.signal?.aborted) return false;
    const up = await getPool()
      .query("SELECT 1")
      .then(
        () => true,
        () => false,
      );
    if (up) return true;
    if (performance.now() >= deadline) return false;
    await sleep(opts.intervalMs ?? 1_000, undefined, { signal: opts.signal }).catch(() => undefined);
  }
}
