import { getPool } from "@/lib/db/client";

export type Health = { ok: boolean; database: "up" | "down" };

// A database that is down answers at once (connection refused); one that accepts connections but does
// not answer (overloaded, stopped mid-restart, a dead network path) must not hang the probe either.
const CHECK_TIMEOUT_MS = 2_000;

/** Liveness plus database reachability; says nothing about users or cases. */
export async function checkHealth(): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([getPool().query("SELECT 1"), timeout]);
    return { ok: true, database: "up" };
  } catch {
    return { ok: false, database: "down" };
  } finally {
    clearTimeout(timer);
  }
}
