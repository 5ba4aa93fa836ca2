// GET /api/health's check (issue #9, faults): with PostgreSQL down it answers "down" at once, with a
// database that accepts connections but never answers it answers "down" within its timeout instead of
// hanging, and the same process answers "up" again once the database is back (no restart).
import net from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { checkHealth } from "@/lib/health/check-health";

async function listen(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

const pointAt = async (url: string) => {
  await closeDb();
  setDatabaseUrl(url);
};

describe("checkHealth", () => {
  afterAll(async () => {
    await pointAt(inject("databaseUrl"));
  });

  it("answers down at once when nothing listens, down within its timeout when the database never answers, and up again once it is back", async () => {
    expect(await checkHealth()).toEqual({ ok: true, database: "up" });

    // Nothing listens on the port any more: connection refused.
    const gone = await listen(() => undefined);
    await gone.close();
    await pointAt(`postgresql://trailbench:x@127.0.0.1:${gone.port}/trailbench`);
    const refused = await timed(checkHealth);
    expect(refused.value).toEqual({ ok: false, database: "down" });
    expect(refused.ms).toBeLessThan(1_000);

    // Accepts the connection, never says a word.
    const silent = await listen(() => undefined);
    await pointAt(`postgresql://trailbench:x@127.0.0.1:${silent.port}/trailbench`);
    const hung = await timed(checkHealth);
    expect(hung.value).toEqual({ ok: false, database: "down" });
    expect(hung.ms).toBeGreaterThanOrEqual(1_900);
    expect(hung.ms).toBeLessThan(3_500);
    await silent.close(); // ends the connection attempt still pending in the pool

    await pointAt(inject("databaseUrl"));
    expect(await checkHealth()).toEqual({ ok: true, database: "up" });
  });
});
