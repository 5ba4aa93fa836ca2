import { env } from "@/lib/env.js";
import { closeDb } from "@/lib/db/client";
import { getConfiguredDatabaseUrl, setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { ensureEmbeddedPostgres } from "@/lib/launcher/embedded-postgres";
import { loadOrCreateAuthSecret } from "@/lib/launcher/auth-secret";
import { setCredentialsSecret } from "@/lib/sources/encrypt-credentials";

/**
 * The CLI talks to the same database as the web app: DATABASE_URL, or the embedded cluster under the
 * data dir, attached to when `npm start` is running and started for the command's duration otherwise.
 */
export async function connectDatabase(): Promise<{ close: () => Promise<void> }> {
  let stop = async () => undefined as void;
  let url = getConfiguredDatabaseUrl();
  if (!url) {
    const embedded = await ensureEmbeddedPostgres({ dataDir: env.TRAILBENCH_DATA_DIR, port: env.TRAILBENCH_DB_PORT });
    url = embedded.url;
    stop = embedded.stop;
  }
  setDatabaseUrl(url);
  // Source credentials are encrypted under AUTH_SECRET, which the CLI shares with the web app.
  setCredentialsSecret(await loadOrCreateAuthSecret(env.TRAILBENCH_DATA_DIR, env.AUTH_SECRET));
  await prepareDatabase(url);
  return {
    close: async () => {
      await closeDb();
      await stop();
    },
  };
}
