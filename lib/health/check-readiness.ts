// Readiness (GET /api/ready), as opposed to liveness (GET /api/health, lib/health/check-health.ts): ready
// to serve only when the database answers, every migration this code ships is applied (a web server
// started before `prisma/migrations` ran would fail on the first new column), and the job queue's schema
// and this code's queues are installed (uploads enqueue ingest jobs). The answer names which check
// failed and nothing else: no versions, migration names, host names or error texts (those go to the log).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { getPool } from "@/lib/db/client";
import { withTimeout } from "@/lib/health/with-timeout";
import { QUEUE_SCHEMA } from "@/lib/jobs/queue";
import { JOB_DEFINITIONS } from "@/lib/jobs/job-definitions";
import { log } from "@/lib/log";

export type Readiness = {
  ready: boolean;
  checks: {
    database: "ok" | "failed";
    /** "skipped" when the database did not answer. */
    migrations: "ok" | "pending" | "skipped";
    queue: "ok" | "failed" | "skipped";
  };
};

// A database that accepts connections but never answers must not hang the probe.
const CHECK_TIMEOUT_MS = 3_000;
// `npm start`, the worker and the Docker image all run from the app's root (lib/launcher/start.ts, .docker/Dockerfile).
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

let shippedMigrations: Promise<string[]> | undefined;

async function migrationNames(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
}

const within = <T,>(work: Promise<T>) => withTimeout(work, CHECK_TIMEOUT_MS);

export async function checkReadiness(opts: { migrationsDir?: string } = {}): Promise<Readiness> {
  const checks: Readiness["checks"] = { database: "failed", migrations: "skipped", queue: "skipped" };
  let pool: ReturnType<typeof getPool>;
  try {
    pool = getPool();
    await within(pool.query("SELECT 1"));
    checks.database = "ok";
  } catch (err) {
    log.warn("readiness: database check failed", { err });
    return { ready: false, checks };
  }

  try {
    const shipped = await (opts.migrationsDir ? migrationNames(opts.migrationsDir) : (shippedMigrations ??= migrationNames(MIGRATIONS_DIR)));
    const { rows } = await within(
      pool.query<{ name: string }>(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`),
    );
    const applied = new Set(rows.map((r) => r.name));
    const pending = shipped.filter((n) => !applied.has(n));
    checks.migrations = pending.length === 0 && shipped.length > 0 ? "ok" : "pending";
    if (pending.length > 0) log.warn("readiness: migrations not applied", { pending });
  } catch (err) {
    // No _prisma_migrations table: nothing applied yet.
    checks.migrations = "pending";
    log.warn("readiness: migration check failed", { err });
  }

  try {
    const names = JOB_DEFINITIONS.map((d) => d.name);
    const { rows } = await within(
      pool.query<{ name: string }>(`SELECT name FROM ${QUEUE_SCHEMA}.queue WHERE name = ANY($1::text[])`, [names]),
    );
    const installed = new Set(rows.map((r) => r.name));
    const missing = names.filter((n) => !installed.has(n));
    checks.queue = missing.length === 0 ? "ok" : "failed";
    if (missing.length > 0) log.warn("readiness: job queues not installed", { missing });
  } catch (err) {
    checks.queue = "failed";
    log.warn("readiness: queue check failed", { err });
  }
  return { ready: checks.migrations === "ok" && checks.queue === "ok", checks };
}
