import { migrateDatabase, type MigrationResult } from "@/lib/db/migrate";
import { installQueues } from "@/lib/jobs/queue";
import { JOB_REGISTRY } from "@/lib/jobs/registry";

/** Brings a database up to date: schema migrations, then the job queue's schema and queues. Idempotent. */
export async function prepareDatabase(databaseUrl: string): Promise<MigrationResult> {
  const result = await migrateDatabase(databaseUrl);
  await installQueues(JOB_REGISTRY.map((j) => j.definition));
  return result;
}
