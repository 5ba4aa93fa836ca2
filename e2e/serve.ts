// The e2e web server: exactly `npm start` (embedded PostgreSQL, migrations, build if needed, web and
// worker), on a fresh data directory so that first-run setup is tested every time.
import { rm } from "node:fs/promises";
import { stopEmbeddedPostgresIfRunning } from "@/lib/launcher/embedded-postgres";
import { E2E_DATA_DIR } from "./e2e-paths";

await stopEmbeddedPostgresIfRunning(E2E_DATA_DIR);
await rm(E2E_DATA_DIR, { recursive: true, force: true });
await import("@/lib/launcher/start");
