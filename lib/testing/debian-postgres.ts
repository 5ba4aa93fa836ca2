// A throw-away cluster of the distribution's PostgreSQL (Debian's /usr/lib/postgresql/<major>/bin), for
// the tests that need the client tools next to a server they can talk to: pg_dump refuses a server newer
// than itself, and the embedded PostgreSQL (18) ships only initdb, pg_ctl and postgres. Trust
// authentication, loopback only, no Unix socket, fsync off (nothing here needs to survive a crash).
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { appendFile, chmod, chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "@/lib/testing/free-port";

const execFileAsync = promisify(execFile);
const DEBIAN_ROOT = "/usr/lib/postgresql";

export type DebianPostgres = {
  /** The server's bin directory (also holds pg_dump and pg_restore of the same major). */
  binDir: string;
  major: number;
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  /** Creates an empty database and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
};

/** The newest installed /usr/lib/postgresql/<major>/bin holding a server and pg_dump, or why there is none. */
export function findDebianPostgres(): { binDir: string; major: number } | { missing: string } {
  const majors = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => b - a)
    : [];
  for (const major of majors) {
    const binDir = path.join(DEBIAN_ROOT, String(major), "bin");
    if (["initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore"].every((b) => existsSync(path.join(binDir, b)))) return { binDir, major };
  }
  return { missing: `no ${DEBIAN_ROOT}/<major>/bin with initdb, postgres, pg_dump and pg_restore (install Debian's "postgresql" package)` };
}

/** initdb and postgres refuse root: as root, the cluster belongs to the `postgres` system user. */
async function clusterOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const id = async (flag: string) => Number((await execFileAsync("id", [flag, "postgres"])).stdout.trim());
  try {
    return { uid: await id("-u"), gid: await id("-g") };
  } catch {
    throw new Error("Running as root: the 'postgres' system user is needed to run Debian's PostgreSQL (installing the postgresql package creates it).");
  }
}

export async function startDebianPostgres(binDir: string, major: number): Promise<DebianPostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-debian-pg-"));
  const pgdata = path.join(dir, "data");
  const owner = await clusterOwner();
  await chmod(dir, 0o755);
  if (owner) await chown(dir, owner.uid, owner.gid);
  const asOwner = { ...(owner ?? {}), env: { LC_ALL: "C", PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv, timeout: 120_000 };
  await execFileAsync(path.join(binDir, "initdb"), [`--pgdata=${pgdata}`, "--username=postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"], asOwner);
  const port = await freePort();
  await appendFile(
    path.join(pgdata, "postgresql.conf"),
    ["", "listen_addresses = '127.0.0.1'", `port = ${port}`, "unix_socket_directories = ''", "fsync = off", "synchronous_commit = off", "full_page_writes = off", ""].join("\n"),
  );
  const pgCtl = path.join(binDir, "pg_ctl");
  await execFileAsync(pgCtl, ["start", "-D", pgdata, "-w", "-t", "60", "-l", path.join(pgdata, "server.log")], asOwner);
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    binDir,
    major,
    adminUrl,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await execFileAsync(pgCtl, ["stop", "-D", pgdata, "-m", "immediate", "-w", "-t", "30"], asOwner).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
