// `npm start`: one command from a fresh clone to a running workbench. Starts the embedded PostgreSQL
// (unless DATABASE_URL is set), applies migrations, builds when the sources changed, then runs the web
// server and the worker as child processes. Ctrl-C or SIGTERM stops everything, PostgreSQL included.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { childProcessEnv, env, ingestProcessEnv } from "@/lib/env.js";
import { closeDb } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { loadOrCreateAuthSecret } from "@/lib/launcher/auth-secret";
import { computeBuildStamp, isBuildCurrent } from "@/lib/launcher/build-stamp";
import { ensureEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/launcher/embedded-postgres";
import { teeChildOutput } from "@/lib/launcher/tee-child-output";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
// `npm run dev`: the same start-up, with `next dev` (hot reload) instead of a production build.
const DEV = process.argv.includes("--dev");
// `--web-only` (the Docker image's web service): the image is already built and the worker is its own
// service, so only migrations and the web server run here.
const WEB_ONLY = process.argv.includes("--web-only");
const say = (msg: string) => process.stdout.write(`[trailbench] ${msg}\n`);

// Each child's output also goes to <data dir>/logs/<name>.log (build, web, worker).
function run(nodeArgs: string[], extraEnv: Record<string, string>, name: string): ChildProcess {
  // The worker ingests: it starts with the ingest's malloc settings (lib/env.js INGEST_ALLOCATOR_ENV).
  const childEnv = name === "worker" ? ingestProcessEnv(extraEnv) : childProcessEnv(extraEnv);
  const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ["inherit", "pipe", "pipe"], env: childEnv });
  teeChildOutput(child, path.join(env.TRAILBENCH_DATA_DIR, "logs"), name);
  return child;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

// The process ids of the launcher and of its web server and worker, rewritten whenever one starts, for
// operators and the fault tests (e2e/18-faults.spec.ts: a database restart restarts neither child).
const PIDS_FILE = "trailbench-pids.json";
const pids: Record<string, number | undefined> = { launcher: process.pid };
function recordPid(name: "web" | "worker", child: ChildProcess): void {
  pids[name] = child.pid;
  void writeFile(path.join(env.TRAILBENCH_DATA_DIR, PIDS_FILE), JSON.stringify(pids) + "\n").catch(() => undefined);
}

async function waitForExit(child: ChildProcess): Promise<number> {
  if (hasExited(child)) return child.exitCode ?? 1;
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600 && !hasExited(child); i++) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The web server did not become healthy.");
}

async function main() {
  await mkdir(env.TRAILBENCH_DATA_DIR, { recursive: true });
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting the embedded PostgreSQL (data in ${env.TRAILBENCH_DATA_DIR})`);
    embedded = await ensureEmbeddedPostgres({
      dataDir: env.TRAILBENCH_DATA_DIR,
      port: env.TRAILBENCH_DB_PORT,
      onLog: () => undefined,
      takeOwnership: true,
    });
    databaseUrl = embedded.url;
  } else {
    say("using the PostgreSQL named by DATABASE_URL");
  }
  const children: ChildProcess[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    for (const c of children) if (!hasExited(c)) c.kill("SIGTERM");
    const killer = setTimeout(() => children.forEach((c) => !hasExited(c) && c.kill("SIGKILL")), 15_000);
    await Promise.all(children.map(waitForExit));
    clearTimeout(killer);
    say("web server and worker stopped");
    await closeDb().catch(() => undefined);
    if (embedded) await embedded.stop().catch((err) => say(`could not stop PostgreSQL: ${(err as Error).message}`));
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    setDatabaseUrl(databaseUrl);
    const migrations = await prepareDatabase(databaseUrl);
    if (migrations.applied.length) say(`applied migrations: ${migrations.applied.join(", ")}`);
    const authSecret = await loadOrCreateAuthSecret(env.TRAILBENCH_DATA_DIR, env.AUTH_SECRET);
    const childEnv = { DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, TRAILBENCH_DATA_DIR: env.TRAILBENCH_DATA_DIR, NODE_ENV: DEV ? "development" : "production" };

    const stamp = await computeBuildStamp(ROOT);
    if (!DEV && !WEB_ONLY && !(await isBuildCurrent(ROOT, stamp))) {
      say("building the web app (first start or changed sources; this takes a minute)…");
      const build = run([NEXT_BIN, "build"], childEnv, "build");
      children.push(build);
      const code = await waitForExit(build);
      children.splice(children.indexOf(build), 1);
      if (code !== 0) throw new Error(`next build failed (exit ${code})`);
      await writeFile(path.join(ROOT, ".next", "trailbench-build-stamp"), stamp);
    }

    const startWorker = (restarts: number) => {
      const worker = run(["--import", "tsx", path.join(ROOT, "lib/jobs/worker.ts")], childEnv, "worker");
      children.push(worker);
      recordPid("worker", worker);
      worker.once("exit", (code) => {
        children.splice(children.indexOf(worker), 1);
        if (stopping) return;
        if (restarts >= 5) {
          say(`the worker keeps failing (exit ${code}); stopping`);
          void shutdown(1);
          return;
        }
        say(`the worker exited (code ${code}); restarting it`);
        setTimeout(() => startWorker(restarts + 1), 2_000);
      });
    };
    if (!WEB_ONLY) startWorker(0);

    const web = run([NEXT_BIN, DEV ? "dev" : "start", "-H", env.HOST, "-p", String(env.PORT)], childEnv, "web");
    children.push(web);
    recordPid("web", web);
    web.once("exit", (code) => {
      if (!stopping) {
        say(`the web server exited (code ${code})`);
        void shutdown(1);
      }
    });
    const url = `http://${env.HOST}:${env.PORT}`;
    await waitForHealth(`${url}/api/health`, web);
    say(`Trailbench is running at ${url}  (Ctrl-C to stop)`);
  } catch (err) {
    say(`failed to start: ${(err as Error).message}`);
    await shutdown(1);
  }
}

void main();
