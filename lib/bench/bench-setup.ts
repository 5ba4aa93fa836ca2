// What both benchmarks need: an archive of real events amplified to size, and a database to load it into
// (a throw-away embedded PostgreSQL, or BENCH_DATABASE_URL).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { ensureEmbeddedPostgres } from "@/lib/launcher/embedded-postgres";
import { seedCase, seedUser } from "@/lib/testing/factories";
import { benchEnv } from "@/lib/bench/bench-env";

const AMPLIFY = path.resolve(import.meta.dirname, "../../../shared/bench/amplify-corpus.mjs");

/** The archive for `events` events at `archive` (default in the temp dir), built once by the shared amplifier. */
export function ensureArchive(events: number, archive?: string): string {
  const dir = archive ?? path.join(os.tmpdir(), `trailbench-bench-${events}`);
  if (!existsSync(dir)) {
    if (!existsSync(AMPLIFY)) throw new Error(`No archive at ${dir} and no ${AMPLIFY} to build one (needs ../shared).`);
    process.stdout.write(`building a ${events}-event archive in ${dir}…\n`);
    execFileSync(process.execPath, [AMPLIFY, "--events", String(events), "--out", dir], { stdio: "inherit" });
  }
  return dir;
}

/** Connects lib/db to BENCH_DATABASE_URL or a fresh embedded cluster on `port`; `stop` removes the latter. */
export async function openBenchDatabase(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  let url = benchEnv().BENCH_DATABASE_URL;
  let stop = async () => undefined as void;
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "trailbench-bench-pg-"));
    await chmod(dir, 0o755);
    const db = await ensureEmbeddedPostgres({ dataDir: dir, port });
    url = db.url;
    stop = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  setDatabaseUrl(url);
  await prepareDatabase(url);
  return { url, stop };
}

/** A new case with a lead, and the ingest run that will load `archive` into it (not started yet). */
export async function benchCaseWithIngest(archive: string, name: string): Promise<{ scope: CaseScope; caseId: string; ingestRunId: string }> {
  const lead = await seedUser();
  const c = await seedCase(lead, { name });
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: name, sourcePath: archive });
  return { scope: await resolveCaseScope(lead.id, c.id, "events:read"), caseId: c.id, ingestRunId };
}

export { runIngest };
