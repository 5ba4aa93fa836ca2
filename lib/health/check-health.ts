import { getPool } from "@/lib/db/client";
import { withTimeout } from "@/lib/health/with-timeout";

export type Health = { ok: boolean; database: "up" | "down" };

// A database that is down answers at once (connection refused); one that accepts connections but does
// not answer (overloaded, stopped mid-restart, a dead network path) must not hang the probe either.
const CHECK_TIMEOUT_MS = 2_000;

/** Liveness plus database reachability; says nothing about users or cases. */
export async function checkHealth(): Promise<Health> {
  try {
    await withTimeout(getPool().query("SELECT 1"), CHECK_TIMEOUT_MS);
    return { ok: true, database: "up" };
  } catch {
    return { ok: false, database: "down" };
  }
}
