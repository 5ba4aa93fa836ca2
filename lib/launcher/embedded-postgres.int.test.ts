// The app's connection to the embedded cluster (the one the test run starts, as `npm start` does) goes
// over its Unix socket; the cluster also listens on loopback TCP, which tools and the backup advice use.
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { getPool } from "@/lib/db/client";
import { openPgToolConnection } from "@/lib/ops/pg-tool-connection";

const external = process.env.TRAILBENCH_TEST_DATABASE_URL;

describe.skipIf(external)("the embedded cluster's connections", () => {
  it("the app's pool reaches it over the Unix socket in <data dir>/run", async () => {
    const url = new URL(inject("databaseUrl"));
    expect(url.searchParams.get("host")).toMatch(/^\/.*\/trailbench-test-pg-[^/]+\/run$/);
    const { rows } = await getPool().query<{ addr: string | null; dir: string }>(
      `SELECT inet_server_addr()::text AS addr, current_setting('unix_socket_directories') AS dir`,
    );
    expect(rows[0]).toEqual({ addr: null, dir: url.searchParams.get("host") }); // no server address: a Unix socket
  });

  it("runs with the embedded defaults sized for bulk ingest", async () => {
    const { rows } = await getPool().query<Record<string, string>>(
      `SELECT current_setting('shared_buffers') AS shared_buffers, current_setting('wal_buffers') AS wal_buffers,
              current_setting('max_wal_size') AS max_wal_size, current_setting('checkpoint_timeout') AS checkpoint_timeout`,
    );
    expect(rows[0]).toEqual({ shared_buffers: "256MB", wal_buffers: "64MB", max_wal_size: "4GB", checkpoint_timeout: "15min" });
  });

  it("still answers on loopback TCP, which the backup advice names", async () => {
    const url = new URL(inject("databaseUrl"));
    url.searchParams.delete("host");
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      expect((await client.query<{ addr: string }>(`SELECT inet_server_addr()::text AS addr`)).rows[0]!.addr).toBe("127.0.0.1/32");
    } finally {
      await client.end();
    }
    const tool = await openPgToolConnection(inject("databaseUrl"));
    expect(new URL(tool.urlHint).searchParams.has("host")).toBe(false);
    expect(new URL(tool.dbname).searchParams.get("host")).toBe(new URL(inject("databaseUrl")).searchParams.get("host"));
  });
});
