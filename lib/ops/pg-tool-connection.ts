// How pg_dump / pg_restore reach the app's database: the connection URL on the command line without its
// password (a command line is visible to every user of the machine in `ps`), the password in the child's
// PGPASSWORD, and the server's major version for the client-version check.
import pg from "pg";

export type PgToolConnection = {
  /** The URL for --dbname, without the password. */
  dbname: string;
  /** Environment overrides for the child process. */
  env: Record<string, string>;
  /** The URL with the password replaced by a placeholder, for advice printed to the operator. */
  urlHint: string;
  serverMajor: number;
};

export async function openPgToolConnection(databaseUrl: string): Promise<PgToolConnection> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  const dbname = url.toString();
  const hint = new URL(dbname);
  if (password) hint.password = "PASSWORD";
  // The embedded cluster's URL names its Unix socket, a path on this machine (lib/launcher/embedded-
  // postgres.ts); the advice runs the tool in a container, which reaches the same server over loopback TCP.
  if (hint.searchParams.get("host")?.startsWith("/") && ["127.0.0.1", "localhost"].includes(hint.hostname)) hint.searchParams.delete("host");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    return {
      dbname,
      env: password ? { PGPASSWORD: password } : {},
      urlHint: hint.toString(),
      serverMajor: Math.floor(Number(rows[0]!.server_version_num) / 10_000),
    };
  } finally {
    await client.end();
  }
}
