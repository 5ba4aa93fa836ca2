// What to tell an operator whose pg_dump / pg_restore cannot work with the server: pg_dump refuses a
// server of a newer major version ("aborting because of server version mismatch"), and pg_restore
// cannot read an archive written by a newer pg_dump. The embedded database is PostgreSQL 18, newer than
// the client most distributions ship. Pure: unit-tested, no I/O.

export type PgTool = "pg_dump" | "pg_restore";
export type FoundPgTool = { path: string; major: number };

export type PgToolAdviceInput = {
  tool: PgTool;
  serverMajor: number;
  /** Every installed copy found (empty: none). */
  found: FoundPgTool[];
  /** The backup file as the operator named it. */
  file: string;
  /** The database URL with the password replaced by a placeholder, and where the password is. */
  urlHint: string;
  passwordHint: string;
};

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function pgToolAdvice(input: PgToolAdviceInput): string[] {
  const { tool, serverMajor: v, found } = input;
  const newest = found.reduce<FoundPgTool | undefined>((best, t) => (!best || t.major > best.major ? t : best), undefined);
  const what = tool === "pg_dump" ? "back up" : "restore into";
  const headline = newest
    ? `${tool} ${newest.major} (${newest.path}) cannot ${what} this PostgreSQL ${v} server: ${tool} must be at least the server's major version (${v}).`
    : `${tool} was not found: it is needed to ${what} the PostgreSQL ${v} server.`;
  const base = input.file.split("/").pop() || input.file;
  const docker =
    tool === "pg_dump"
      ? `docker run --rm --network host -v "$PWD":/backup postgres:${v} pg_dump --format=custom --file=/backup/${shellQuote(base)} ${shellQuote(input.urlHint)}`
      : `docker run --rm --network host -v "$PWD":/backup postgres:${v} pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname=${shellQuote(input.urlHint)} /backup/${shellQuote(base)}`;
  return [
    headline,
    `Install the PostgreSQL ${v} client tools and run this command again (it looks in /usr/lib/postgresql/<version>/bin and on PATH; --pg-bin <dir> names another directory):`,
    `  Debian/Ubuntu (adds the PostgreSQL project's apt.postgresql.org repository):`,
    `    sudo apt-get install -y postgresql-common && sudo /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y && sudo apt-get install -y postgresql-client-${v}`,
    `  Or run the PostgreSQL ${v} image's ${tool} with Docker (from the directory holding the backup; ${input.passwordHint}):`,
    `    ${docker}`,
  ];
}
