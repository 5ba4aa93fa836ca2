// The worker's share of the database's CPU (issue #9, load). The worker lowers its own priority
// (TRAILBENCH_WORKER_NICE, lib/jobs/worker.ts) so that analysts' pages come first, but most of an
// ingest's CPU is spent by its PostgreSQL backend (COPY, nine index insertions per event, WAL): measured
// at a full core of the two during bench:load, against a third of one for the web server. When the
// database runs on this host (the embedded default, or any PostgreSQL reached over loopback or a Unix
// socket), each backend the worker's pool opens gets the worker's niceness too, so the analysts' queries
// preempt the ingest's. A database on another host keeps its priorities (that host's scheduler is not
// ours to set: run it with its own CPU shares).
import { readFileSync } from "node:fs";
import os from "node:os";
import type pg from "pg";
import { log } from "@/lib/log";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** True when the connection string reaches PostgreSQL on this host (loopback address or Unix socket). */
export function isLocalDatabase(databaseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return false; // not a URL this check can read: treated as elsewhere (priorities untouched)
  }
  const socket = url.searchParams.get("host");
  if (socket?.startsWith("/")) return true;
  return url.hostname === "" || LOOPBACK.has(url.hostname);
}

/**
 * Gives every backend `pool` opens from now on the CPU niceness `nice` (higher is lower priority), when
 * the database is on this host. The backend's pid is checked to be a local `postgres` process before
 * its priority is set, so a pid from another host's numbering is never touched. Failures (no
 * permission, a backend gone) are logged once and leave the priority as it was.
 */
export function lowerLocalBackendPriority(pool: pg.Pool, databaseUrl: string, nice: number): boolean {
  if (nice <= 0 || !isLocalDatabase(databaseUrl)) return false;
  let warned = false;
  const warn = (err: unknown) => {
    if (warned) return;
    warned = true;
    log.warn("could not lower the priority of the worker's database backends", { err: (err as Error).message });
  };
  pool.on("connect", (client) => {
    // The backend's pid, from the connection's start-up (BackendKeyData): no query needed.
    const pid = (client as pg.PoolClient & { processID?: number | null }).processID;
    try {
      if (typeof pid !== "number") throw new Error("the connection did not report its backend's process id");
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") throw new Error(`process ${pid} is not a local PostgreSQL backend`);
      os.setPriority(pid, nice);
    } catch (err) {
      warn(err);
    }
  });
  return true;
}

/**
 * Server settings for the worker's connections (the pool's `options`): none, or no parallel query when
 * the database is on this host and the worker runs niced. PostgreSQL's parallel workers are started by
 * the postmaster, not by the backend that asked for them, so they run at the postmaster's priority: a
 * whole-case rollup, baseline or warm-view query of the worker would otherwise take both cores at the
 * web server's priority. Measured: such a job running under bench:load doubled every page's p50.
 */
export function workerSessionOptions(databaseUrl: string, nice: number): string | undefined {
  return nice > 0 && isLocalDatabase(databaseUrl) ? "-c max_parallel_workers_per_gather=0" : undefined;
}
