// Integration tests run against a real PostgreSQL: a throw-away embedded cluster (the one the app
// ships with) in a temp dir, or the local database named by TRAILBENCH_TEST_DATABASE_URL, which is
// emptied first. Tests never mock Prisma.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureEmbeddedPostgres } from "../launcher/embedded-postgres";
import { migrateDatabase } from "../db/migrate";
import { assertLocalDatabase } from "./assert-local-database";
import { setDatabaseUrl } from "../db/database-url";
import { closeDb } from "../db/client";
import { installQueues } from "../jobs/queue";
import { JOB_REGISTRY } from "../jobs/registry";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

async function truncateAll(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (!rows.length) return;
    // audit_log refuses TRUNCATE (append-only, enforced by a trigger): the table owner lifts that one
    // trigger inside the same transaction, so it is back in place whether the TRUNCATE succeeds or not.
    const audit = rows.some((r) => r.t === "audit_log");
    await client.query("BEGIN");
    if (audit) await client.query(`ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_truncate"`);
    await client.query(`TRUNCATE ${rows.map((r) => r.t).join(", ")} CASCADE`);
    if (audit) await client.query(`ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_truncate"`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TRAILBENCH_TEST_DATABASE_URL;
  let teardown = async () => undefined as void;
  let url: string;
  if (external) {
    assertLocalDatabase(external);
    url = external;
    await migrateDatabase(url);
    await truncateAll(url);
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-test-pg-"));
    await chmod(dir, 0o755); // as root, the cluster runs as the postgres user, which must reach it
    const db = await ensureEmbeddedPostgres({ dataDir: dir, port: await freePort() });
    url = db.url;
    await migrateDatabase(url);
    teardown = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  setDatabaseUrl(url);
  await installQueues(JOB_REGISTRY.map((j) => j.definition));
  await closeDb();
  project.provide("databaseUrl", url);
  return teardown;
}
