import { env } from "@/lib/env.js";
import { closeDb } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { ensureEmbeddedPostgres } from "@/lib/launcher/embedded-postgres";

/**
 * The CLI talks to the same database as the web app: DATABASE_URL, or the embedded cluster under the
 * data dir, attached to when `npm start` is running and started for the command's duration otherwise.
 */
export async function connectDatabase(): Promise<{ close: () => Promise<void> }> {
  let stop = async () => undefined as void;
  let url = env.DATABASE_URL;
  if (!url) {
    const embedded = await ensureEmbeddedPostgres({ dataDir: env.TRAILBENCH_DATA_DIR, port: env.TRAILBENCH_DB_PORT });
    url = embedded.url;
    stop = embedded.stop;
  }
  setDatabaseUrl(url);
  await prepareDatabase(url);
  return {
    close: async () => {
      await closeDb();
      await stop();
    },
  };
}
