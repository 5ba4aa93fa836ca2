import type { PoolClient } from "pg";
import { getPool } from "@/lib/db/client";

/**
 * Runs `fn` in one PostgreSQL transaction on a pooled client (raw SQL, so that the audit row written
 * with the same client commits or rolls back with the change). Rolls back on any error.
 */
export async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
