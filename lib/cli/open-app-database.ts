import { env } from "@/lib/env.js";
import { getConfiguredDatabaseUrl } from "@/lib/db/database-url";
import { embeddedPaths, ensureEmbeddedPostgres } from "@/lib/launcher/embedded-postgres";

export type AppDatabase = { url: string; embedded: boolean; passwordHint: string; close: () => Promise<void> };

/**
 * The app's database for `trailbench backup` / `restore`, as it is: DATABASE_URL, or the embedded
 * cluster under the data dir (attached to when running, started for the command otherwise, created
 * empty when the data dir is new). Unlike connectDatabase() it applies no migrations: a backup is taken
 * of what is there, and a restore needs an empty database.
 */
export async function openAppDatabase(): Promise<AppDatabase> {
  const configured = getConfiguredDatabaseUrl();
  if (configured) return { url: configured, embedded: false, passwordHint: "the password is the one in DATABASE_URL", close: async () => undefined };
  const db = await ensureEmbeddedPostgres({ dataDir: env.TRAILBENCH_DATA_DIR, port: env.TRAILBENCH_DB_PORT });
  return {
    url: db.url,
    embedded: true,
    passwordHint: `the password is in ${embeddedPaths(env.TRAILBENCH_DATA_DIR).credentials}`,
    close: db.stop,
  };
}
