// The job queue: pg-boss on the same PostgreSQL (no Redis), sharing the process's pg pool. Web and CLI
// processes only enqueue (no supervision or scheduling); the worker process also supervises expiry
// and retries. The pg-boss schema is installed by prepareDatabase() at start-up, not lazily.
import PgBoss from "pg-boss";
import { getPool } from "@/lib/db/client";
import type { JobDefinition } from "@/lib/jobs/job-definition";
import { log as defaultLog, type Logger } from "@/lib/log";

const globalForQueue = globalThis as unknown as { __trailbenchBoss?: Promise<PgBoss> };

export const QUEUE_SCHEMA = "pgboss";

function poolDb(): PgBoss.Db {
  return { executeSql: (text, values) => getPool().query(text, values) };
}

export function createBoss(role: "producer" | "worker"): PgBoss {
  const boss = new PgBoss({
    db: poolDb(),
    schema: QUEUE_SCHEMA,
    migrate: role === "worker",
    supervise: role === "worker",
    schedule: false,
  });
  boss.on("error", () => undefined); // errors surface through the awaited calls
  return boss;
}

/** Installs or upgrades pg-boss's schema and creates the given queues (idempotent). */
export async function installQueues(definitions: readonly { name: string; queue: Omit<PgBoss.Queue, "name"> }[]): Promise<void> {
  const boss = new PgBoss({ db: poolDb(), schema: QUEUE_SCHEMA, migrate: true, supervise: false, schedule: false });
  await boss.start();
  for (const def of definitions) {
    if (!(await boss.getQueue(def.name))) await boss.createQueue(def.name, { name: def.name, ...def.queue });
  }
  await boss.stop({ graceful: false, wait: true, close: false });
}

/** The producer instance for this process (enqueue only). */
export function getProducer(): Promise<PgBoss> {
  globalForQueue.__trailbenchBoss ??= createBoss("producer").start();
  return globalForQueue.__trailbenchBoss;
}

/**
 * Queues follow-up work whose trigger recurs (derived data after an ingest, detections, the views
 * computed ahead): the payload validated, at most one pending job per `singletonKey`. A failure to queue
 * is logged, never thrown: the next trigger queues it again.
 */
export async function queueFollowUpJob<P>(definition: JobDefinition<P>, payload: P, singletonKey: string, log: Logger = defaultLog): Promise<void> {
  await getProducer()
    .then((boss) => boss.send(definition.name, definition.payload.parse(payload) as object, { singletonKey }))
    .catch((err: unknown) => log.error(`could not queue the ${definition.name} job`, { singletonKey, err }));
}
