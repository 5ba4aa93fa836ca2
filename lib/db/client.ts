// The database handles, created lazily on first use and shared per process (one pg.Pool under both
// Prisma and the raw-SQL helpers). Imported only under lib/** (ESLint fence). Not marked
// `server-only`: the worker and the CLI, plain Node processes, use it too (ARCHITECTURE.md decision log).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { getDatabaseUrl } from "@/lib/db/database-url";
import { log } from "@/lib/log";

type Handles = { pool: pg.Pool; prisma: PrismaClient };

const globalForDb = globalThis as unknown as { __trailbenchDb?: Handles; __trailbenchDbOptions?: string };

/**
 * Server settings (`-c name=value …`, the connection's `options`) for every connection of this process's
 * pool: the worker's (lib/db/backend-priority.ts workerSessionOptions). Before the first query only.
 */
export function setSessionOptions(options: string | undefined): void {
  if (globalForDb.__trailbenchDb) throw new Error("setSessionOptions must be called before the database is first used");
  globalForDb.__trailbenchDbOptions = options;
}

function handles(): Handles {
  if (!globalForDb.__trailbenchDb) {
    // 25: with 50 analysts a few slow first computations (a pivot's timeline, seconds under load) must not
    // hold every connection while cached reads queue behind them (bench:load; PostgreSQL's default
    // max_connections of 100 leaves room for the worker's pool, the queue's and the CLI).
    const options = globalForDb.__trailbenchDbOptions;
    const pool = new pg.Pool({ connectionString: getDatabaseUrl(), max: 25, idleTimeoutMillis: 30_000, ...(options ? { options } : {}) });
    // An idle client losing its connection (database restart) must not crash the process.
    pool.on("error", (err) => log.warn("idle database connection lost", { err: err.message }));
    // Nor may a checked-out client (a job's long-held connection between two statements): pg-pool removes
    // its own error listener while a client is lent out, and an 'error' event without a listener throws.
    // The statement in flight, if any, rejects with the error; the next one on this client fails, and
    // release() then drops the client from the pool.
    pool.on("connect", (client) => {
      client.on("error", (err) => log.debug("database connection lost", { err: err.message }));
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    globalForDb.__trailbenchDb = { pool, prisma };
  }
  return globalForDb.__trailbenchDb;
}

/** The Prisma client, for relational CRUD. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = handles().prisma;
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** The pg pool, for COPY and raw aggregates (always parameterized). */
export function getPool(): pg.Pool {
  return handles().pool;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.__trailbenchDb;
  globalForDb.__trailbenchDb = undefined;
  if (h) {
    await h.prisma.$disconnect();
    await h.pool.end();
  }
}
