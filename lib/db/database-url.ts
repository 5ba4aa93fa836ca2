import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";

// The web server and worker get DATABASE_URL from the launcher; the CLI resolves the embedded
// database itself and hands the URL over with setDatabaseUrl() before the first query.
let configuredUrl: string | undefined = env.DATABASE_URL;

export function setDatabaseUrl(url: string): void {
  configuredUrl = url;
}

export function getDatabaseUrl(): string {
  if (!configuredUrl) {
    throw new AppError(
      "UNAVAILABLE",
      "No database configured: start Trailbench with `npm start` (embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return configuredUrl;
}

/** The URL configured so far (environment or setDatabaseUrl), if any. */
export function getConfiguredDatabaseUrl(): string | undefined {
  return configuredUrl;
}
