// The worker's database backends get its CPU niceness when PostgreSQL runs on this host (the embedded
// test database does), and a database elsewhere is never touched.
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { isLocalDatabase, lowerLocalBackendPriority, workerSessionOptions } from "@/lib/db/backend-priority";
import { getDatabaseUrl } from "@/lib/db/database-url";

let pool: pg.Pool | undefined;
afterEach(async () => {
  await pool?.end();
  pool = undefined;
});

async function backendPid(p: pg.Pool): Promise<number> {
  return (await p.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
}

describe("the worker's database backends' priority", () => {
  it("knows a local database from a remote one", () => {
    expect(isLocalDatabase("postgresql://u:p@127.0.0.1:5432/db")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@localhost/db")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@[::1]:5432/db")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@localhost/db?host=/var/run/postgresql")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@/db?host=/var/run/postgresql")).toBe(false); // unreadable: left alone
    expect(isLocalDatabase("postgresql://u:p@db:5432/db")).toBe(false);
    expect(isLocalDatabase("postgresql://u:p@10.0.0.5:5432/db?host=db.internal")).toBe(false);
  });

  it("sets each new backend of the pool to the niceness given, on this host", async () => {
    const url = getDatabaseUrl();
    expect(isLocalDatabase(url)).toBe(true);
    pool = new pg.Pool({ connectionString: url, max: 2 });
    expect(lowerLocalBackendPriority(pool, url, 7)).toBe(true);
    const clients = await Promise.all([pool.connect(), pool.connect()]);
    const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid));
    for (const c of clients) c.release();
    expect(new Set(pids).size).toBe(2);
    expect(pids.map((pid) => os.getPriority(pid))).toEqual([7, 7]);
  });

  it("turns parallel query off for a niced worker on this host (parallel workers would not be niced), and only then", async () => {
    const url = getDatabaseUrl();
    expect(workerSessionOptions(url, 10)).toBe("-c max_parallel_workers_per_gather=0");
    expect(workerSessionOptions(url, 0)).toBeUndefined();
    expect(workerSessionOptions("postgresql://u:p@db.internal:5432/db", 10)).toBeUndefined();
    pool = new pg.Pool({ connectionString: url, max: 1, options: workerSessionOptions(url, 10) });
    expect((await pool.query<{ n: string }>("SELECT current_setting('max_parallel_workers_per_gather') AS n")).rows[0]!.n).toBe("0");
    await pool.end();
    pool = new pg.Pool({ connectionString: url, max: 1 });
    expect((await pool.query<{ n: string }>("SELECT current_setting('max_parallel_workers_per_gather') AS n")).rows[0]!.n).toBe("2"); // the default, elsewhere
  });

  it("leaves a remote database's backends and a niceness of 0 alone", async () => {
    const url = getDatabaseUrl();
    pool = new pg.Pool({ connectionString: url, max: 1 });
    expect(lowerLocalBackendPriority(pool, "postgresql://u:p@db.internal:5432/db", 7)).toBe(false);
    expect(lowerLocalBackendPriority(pool, url, 0)).toBe(false);
    // A backend keeps the priority it was forked with: its postmaster's.
    const pid = await backendPid(pool);
    const postmaster = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    expect(os.getPriority(pid)).toBe(os.getPriority(postmaster));
  });
});
