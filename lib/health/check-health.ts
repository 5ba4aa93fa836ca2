import { getPool } from "@/lib/db/client";

export type Health = { ok: boolean; database: "up" | "down" };

/** Liveness plus database reachability; says nothing about users or cases. */
export async function checkHealth(): Promise<Health> {
  try {
    await getPool().query("SELECT 1");
    return { ok: true, database: "up" };
  } catch {
    return { ok: false, database: "down" };
  }
}
