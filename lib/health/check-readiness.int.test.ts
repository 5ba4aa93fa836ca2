// GET /api/ready: 200 only when the database answers, every shipped migration is applied and the job
// queue is installed; 503 naming the failed check otherwise, with nothing else in the body. Each failing
// check is produced for real: a database with no queue, one with nothing migrated, a migration the
// database lacks, a closed port, and a server that accepts connections and never answers.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, inject, it, vi } from "vitest";
import { GET as getReady } from "@/app/api/ready/route";
import { closeDb } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase } from "@/lib/db/migrate";
import { checkReadiness } from "@/lib/health/check-readiness";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/lib/testing/crash/isolated-database";
import { freePort } from "@/lib/testing/free-port";

vi.mock("@/lib/auth/auth-options", () => ({ handlers: {}, auth: vi.fn(async () => null), signIn: vi.fn(), signOut: vi.fn() }));

const isolated: IsolatedDatabase[] = [];

async function useDatabase(url: string): Promise<void> {
  await closeDb();
  setDatabaseUrl(url);
}

async function callReady(): Promise<{ status: number; body: unknown; cache: string | null; text: string }> {
  const res = await getReady(new Request("http://127.0.0.1:3000/api/ready"), {});
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, cache: res.headers.get("cache-control"), text };
}

afterEach(async () => {
  await useDatabase(inject("databaseUrl"));
});

afterAll(async () => {
  await closeDb();
  for (const db of isolated) await db.drop().catch(() => undefined);
});

describe("GET /api/ready", () => {
  it("200 on the migrated test database with its queues installed", async () => {
    const res = await callReady();
    expect(res).toMatchObject({ status: 200, cache: "no-store" });
    expect(res.body).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", queue: "ok" } });
  });

  it("503 queue failed: migrated, but pg-boss's schema and queues were never installed", async () => {
    const db = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_ready_noqueue");
    isolated.push(db);
    await migrateDatabase(db.url);
    await useDatabase(db.url);
    const res = await callReady();
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ready: false, checks: { database: "ok", migrations: "ok", queue: "failed" } });
  });

  it("503 migrations pending and queue failed: an empty database (nothing migrated yet)", async () => {
    const db = await createIsolatedDatabase(inject("databaseUrl"), "trailbench_ready_empty");
    isolated.push(db);
    await useDatabase(db.url);
    const res = await callReady();
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ready: false, checks: { database: "ok", migrations: "pending", queue: "failed" } });
  });

  it("not ready when this code ships a migration the database has not applied", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-ready-migrations-"));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "29991231000000_future"));
      await writeFile(path.join(dir, "29991231000000_future", "migration.sql"), "SELECT 1;\n");
      expect(await checkReadiness({ migrationsDir: dir })).toEqual({ ready: false, checks: { database: "ok", migrations: "pending", queue: "ok" } });
      // The same directory without the extra migration: ready (the check compares names, nothing else).
      await rm(path.join(dir, "29991231000000_future"), { recursive: true });
      expect((await readdir(dir)).length).toBeGreaterThan(20);
      expect(await checkReadiness({ migrationsDir: dir })).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", queue: "ok" } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("503 database failed at once when nothing listens, and the body names no host, port, user or error", async () => {
    const port = await freePort();
    await useDatabase(`postgresql://trailbench:s3cret-password@127.0.0.1:${port}/trailbench`);
    const t0 = performance.now();
    const res = await callReady();
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ready: false, checks: { database: "failed", migrations: "skipped", queue: "skipped" } });
    expect(res.text).not.toMatch(/127\.0\.0\.1|trailbench:|s3cret|ECONNREFUSED|postgres/i);
  });

  it("503 database failed within the check's bound when the server accepts connections and never answers", async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => {
      sockets.add(s);
      s.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await useDatabase(`postgresql://trailbench:x@127.0.0.1:${port}/trailbench`);
      const t0 = performance.now();
      const res = await callReady();
      const ms = performance.now() - t0;
      expect(ms).toBeGreaterThanOrEqual(2_900);
      expect(ms).toBeLessThan(5_000);
      expect(res.body).toEqual({ ready: false, checks: { database: "failed", migrations: "skipped", queue: "skipped" } });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
