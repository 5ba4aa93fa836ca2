// A database of its own, in the test cluster, for a test that runs the real worker process. The worker
// takes every queued job and re-queues every orphaned run it can see: on the shared test database it
// would pick up the jobs other test files enqueue and then run in-process (their runIngest would find the
// run locked and answer "busy"). A separate database keeps both sides to their own runs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { assertLocalDatabase } from "@/lib/testing/assert-local-database";

export type IsolatedDatabase = { url: string; name: string; drop: () => Promise<void> };

async function withAdmin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createIsolatedDatabase(baseUrl: string, prefix: string): Promise<IsolatedDatabase> {
  assertLocalDatabase(baseUrl);
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await withAdmin(baseUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    // FORCE ends any session still connected (a killed worker's backend that has not noticed yet).
    drop: () => withAdmin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
}
