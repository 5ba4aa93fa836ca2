// `npm run bench:load [-- --events 5000000] [--users 50] [--duration 120] [--think 5] [--ingest-events 1000000]
//                        [--saturate 30] [--port 3410] [--db-port 54650] [--cold-cache | --keep-cache] [--cpu-prof DIR]`
// Issue #9's load bar: the production build on loopback, `users` signed-in users browsing a case of
// `events` events (the overview with its timeline and activity feed, the events table with filters,
// pivots by access key and source IP, single events, the denied-call heatmap), while the worker ingests
// another archive into another case. Prints throughput, p50/p95/p99 overall and per page kind, errors,
// and the concurrent ingest's progress. A measurement, not a test: it never fails on speed.
//
// The case is built once and kept in TRAILBENCH_DATA_DIR (the npm script defaults it to
// /tmp/trailbench-bench-load): ingest, rollups, baselines and detections of 5M events take a while, and
// their durations are printed the first time (`--prepare-only` stops there). `--saturate N` adds an N-second closed-loop run (no think
// time) for the throughput ceiling.
//
// Every run starts from the result cache as the worker leaves it after an ingest (lib/cache/
// warm-case-views.ts): the case's stored answers are dropped and the shared views computed again, so
// each filtered view (a pivot, a day) is computed by its first reader during the run, as in a real
// investigation, and runs are comparable. `--cold-cache` skips the worker's views (nothing stored: the
// worst case), `--keep-cache` keeps whatever earlier runs stored (repeated URLs then read stored answers).
// The concurrent ingest's case is removed afterwards (events have no foreign key to cases: removed here).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { heatmapApiUrl } from "@/components/charts/heatmap-view";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { ensureArchive } from "@/lib/bench/bench-setup";
import { httpSignIn } from "@/lib/bench/http-sign-in";
import { runVirtualUsers, type LoadStep } from "@/lib/bench/load-driver";
import { report, reportSlices } from "@/lib/bench/load-report";
import { unsafeComputeCaseBaselines } from "@/lib/baselines/compute-baselines";
import { closeDb, getPool } from "@/lib/db/client";
import { setDatabaseUrl } from "@/lib/db/database-url";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { childProcessEnv, env, ingestProcessEnv } from "@/lib/env.js";
import { unsafeRunCaseDetections } from "@/lib/findings/run-detections";
import { cancelIngestRun } from "@/lib/ingest/cancel-ingest-run";
import { enqueueIngest } from "@/lib/ingest/enqueue-ingest";
import { runIngest } from "@/lib/ingest/run-ingest";
import { computeBuildStamp, isBuildCurrent } from "@/lib/launcher/build-stamp";
import { ensureEmbeddedPostgres } from "@/lib/launcher/embedded-postgres";
import { unsafeRebuildCaseRollups } from "@/lib/rollups/rebuild-case-rollups";
import { unsafeWarmCaseViews } from "@/lib/cache/warm-case-views";
import { seedCase, seedUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { createUser } from "@/lib/users/create-user";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "5000000" },
    users: { type: "string", default: "50" },
    duration: { type: "string", default: "120" },
    think: { type: "string", default: "5" },
    "ingest-events": { type: "string", default: "1000000" },
    saturate: { type: "string", default: "0" },
    port: { type: "string", default: "3410" },
    "db-port": { type: "string", default: "54650" },
    "prepare-only": { type: "boolean", default: false },
    "cold-cache": { type: "boolean", default: false },
    "keep-cache": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
  },
});
const EVENTS = Number(values.events);
const USERS = Number(values.users);
const DURATION = Number(values.duration);
const THINK = Number(values.think);
const INGEST_EVENTS = Number(values["ingest-events"]);
const SATURATE = Number(values.saturate);
const PORT = Number(values.port);
const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_P95_MS = 300;
const READY = "bench:load ready";
class PrepareOnly extends Error {}
const say = (s: string) => process.stdout.write(`${s}\n`);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

async function loadCase(): Promise<{ caseId: string; leadId: string }> {
  const pool = getPool();
  const name = `load-${EVENTS}`;
  const { rows } = await pool.query<{ id: string; lead: string }>(
    `SELECT c.id, m.user_id AS lead FROM cases c JOIN case_members m ON m.case_id = c.id AND m.role = 'lead' WHERE c.name = $1 AND c.description = $2 LIMIT 1`,
    [name, READY],
  );
  if (rows[0]) {
    say(`reusing case ${name} (${rows[0].id}) from an earlier run`);
    return { caseId: rows[0].id, leadId: rows[0].lead };
  }
  const archive = ensureArchive(EVENTS);
  const lead = await seedUser({ name: "Load lead" });
  const c = await seedCase(lead, { name });
  const scope = await resolveCaseScope(lead.id, c.id, "evidence:write");
  const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: name, sourcePath: archive });
  let t0 = performance.now();
  await runIngest(ingestRunId);
  const { rows: n } = await pool.query<{ n: number }>(`SELECT event_count::int AS n FROM cases WHERE id = $1`, [c.id]);
  say(`ingest of ${EVENTS.toLocaleString("en")} records: ${secs(t0)} s (${n[0]!.n.toLocaleString("en")} unique events)`);
  await pool.query(`ANALYZE`); // fresh statistics before the derived data, as autovacuum would give the worker
  t0 = performance.now();
  await unsafeRebuildCaseRollups(c.id);
  say(`rollups: ${secs(t0)} s`);
  t0 = performance.now();
  await unsafeComputeCaseBaselines(c.id);
  say(`baselines: ${secs(t0)} s`);
  t0 = performance.now();
  await unsafeRunCaseDetections(c.id, { full: true });
  say(`detections: ${secs(t0)} s`);
  await pool.query(`VACUUM ANALYZE`);
  await pool.query(`UPDATE cases SET description = $2 WHERE id = $1`, [c.id, READY]);
  return { caseId: c.id, leadId: lead.id };
}

/** The concurrent ingests' cases of this and earlier (interrupted) runs, their events first (no foreign key). */
async function removeIngestCases(): Promise<void> {
  const pool = getPool();
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM cases WHERE name LIKE 'load-ingest-%'`);
  for (const { id } of rows) {
    await pool.query(`DELETE FROM events WHERE case_id = $1`, [id]);
    await pool.query(`DELETE FROM evidence_signatures WHERE case_id = $1`, [id]);
    await pool.query(`DELETE FROM pgboss.job WHERE data->>'caseId' = $1 AND state < 'active'`, [id]); // its queued follow-up jobs
    await pool.query(`DELETE FROM cases WHERE id = $1`, [id]);
  }
  if (rows.length > 0) say(`removed ${rows.length} concurrent-ingest case(s) and their events`);
}

async function loadUsers(caseId: string): Promise<string[]> {
  const pool = getPool();
  const emails: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `load-user-${i}@bench.test`;
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [email]);
    const id = rows[0]?.id ?? (await createUser({ email, name: `Load user ${i}`, password: TEST_PASSWORD, role: "member" })).id;
    await pool.query(`INSERT INTO case_members (case_id, user_id, role) VALUES ($1, $2, 'investigator') ON CONFLICT DO NOTHING`, [caseId, id]);
    emails.push(email);
  }
  return emails;
}

/** Real values of the case to browse by: popular and rare keys, IPs, names, events, days. */
async function browsingValues(caseId: string) {
  const pool = getPool();
  const top = async (dimension: string) =>
    (
      await pool.query<{ v: string }>(
        `SELECT value AS v FROM (SELECT value, row_number() OVER (ORDER BY total DESC) AS r FROM case_actor_counts WHERE case_id = $1 AND dimension = $2 AND value <> '') t
          WHERE r <= 10 OR r % 50 = 0 ORDER BY r LIMIT 30`,
        [caseId, dimension],
      )
    ).rows.map((r) => r.v);
  const keys = await top("key");
  const ips = await top("ip");
  const principals = await top("principal");
  const eventIds = (await pool.query<{ v: string }>(`SELECT event_id AS v FROM events TABLESAMPLE SYSTEM (0.05) WHERE case_id = $1 LIMIT 200`, [caseId])).rows.map((r) => r.v);
  const names = (
    await pool.query<{ v: string }>(`SELECT event_name AS v FROM events WHERE case_id = $1 AND event_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 30`, [caseId])
  ).rows.map((r) => r.v);
  const days = (
    await pool.query<{ v: string }>(`SELECT to_char(date_trunc('day', hour), 'YYYY-MM-DD') AS v FROM case_hour_counts WHERE case_id = $1 AND hour IS NOT NULL GROUP BY 1 ORDER BY 1`, [caseId])
  ).rows.map((r) => r.v);
  return { keys, ips, principals, eventIds, names, days };
}

function scenario(caseId: string, v: Awaited<ReturnType<typeof browsingValues>>): LoadStep[] {
  const pick = <T,>(list: T[], i: number, u: number) => list[(i * 7 + u * 13) % list.length]!;
  const c = `/cases/${caseId}`;
  const api = `/api/v1/cases/${caseId}`;
  const q = (query: string) => `?${new URLSearchParams({ q: query })}`;
  const day = (i: number, u: number) => {
    const d = pick(v.days, i, u);
    const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return `after:${d} before:${next}`;
  };
  // What a browser requests: each page, then its client components' API calls (the overview's
  // timeline, compact heatmap and checklist; every events view's "timeline of this filter"; the
  // heatmaps page's chart), as components/charts and components/integrity make them.
  const timelineOf = (query: (u: number, i: number) => string) => ({
    kind: "timeline of the filter (api)",
    url: (u: number, i: number) => `${api}/timeline${q(query(u, i))}`,
  });
  const events = (kind: string, query: (u: number, i: number) => string): LoadStep => ({
    kind,
    url: (u, i) => `${c}/events${query(u, i) ? q(query(u, i)) : ""}`,
    then: [timelineOf(query)],
  });
  return [
    {
      kind: "overview",
      url: () => c,
      then: [
        { kind: "timeline (api)", url: () => `${api}/timeline` },
        { kind: "overview heatmap (api)", url: () => heatmapApiUrl(caseId, { axis: "hour", sort: "burst", after: null, before: null }) },
        { kind: "checklist (api)", url: () => `${api}/integrity/checklist` },
      ],
    },
    { kind: "activity (api)", url: () => `${api}/activity` },
    events("events", () => ""),
    events("events: day + name", (u, i) => `${day(i, u)} eventName:${pick(v.names, i, u)}`),
    events("pivot: access key", (u, i) => `accessKeyId:${pick(v.keys, i, u)}`),
    { kind: "event", url: (u, i) => `${c}/events/${encodeURIComponent(pick(v.eventIds, i, u))}` },
    events("pivot: source IP", (u, i) => `sourceIPAddress:${pick(v.ips, i, u)}`),
    { kind: "timeline zoom (api)", url: (u, i) => `${api}/timeline${q(day(i, u))}` },
    events("events: denied", (u, i) => `errorCode:AccessDenied ${day(i, u)}`),
    { kind: "heatmaps", url: () => `${c}/heatmaps`, then: [{ kind: "denied heatmap (api)", url: () => heatmapApiUrl(caseId, { axis: "hour", sort: "total", after: null, before: null }) }] },
    events("pivot: principal", (u, i) => `arn:"${pick(v.principals, i, u)}"`),
  ];
}

function spawnNode(args: string[], extra: Record<string, string>, opts: { ingests?: boolean } = {}): ChildProcess {
  const childEnv = opts.ingests ? ingestProcessEnv(extra) : childProcessEnv(extra);
  return spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: childEnv });
}

await mkdir(env.TRAILBENCH_DATA_DIR, { recursive: true });
say(`data directory: ${env.TRAILBENCH_DATA_DIR}`);
const db = await ensureEmbeddedPostgres({ dataDir: env.TRAILBENCH_DATA_DIR, port: Number(values["db-port"]) });
setDatabaseUrl(db.url);
await prepareDatabase(db.url);
const children: ChildProcess[] = [];
let ingestRun: { scope: Awaited<ReturnType<typeof resolveCaseScope>>; id: string } | undefined;
try {
  await removeIngestCases();
  const { caseId } = await loadCase();
  if (values["prepare-only"]) throw new PrepareOnly();
  const emails = await loadUsers(caseId);
  const browse = await browsingValues(caseId);
  const steps = scenario(caseId, browse);

  const childEnv = {
    DATABASE_URL: db.url,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TRAILBENCH_DATA_DIR: env.TRAILBENCH_DATA_DIR,
    NODE_ENV: "production",
    TRAILBENCH_LOG_LEVEL: "warn",
    TRAILBENCH_API_RATE_PER_MINUTE: "100000",
  };
  const stamp = await computeBuildStamp(ROOT);
  if (!(await isBuildCurrent(ROOT, stamp))) {
    say("building the production web app…");
    const build = spawnNode([NEXT_BIN, "build"], childEnv);
    const code = await new Promise<number | null>((r) => build.once("exit", r));
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
    await writeFile(path.join(ROOT, ".next", "trailbench-build-stamp"), stamp);
  }
  // `--cpu-prof DIR`: the web server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = values["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(values["cpu-prof"])] : [];
  children.push(spawnNode([...profile, NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(PORT)], childEnv));
  children.push(spawnNode(["--import", "tsx", path.join(ROOT, "lib/jobs/worker.ts")], childEnv, { ingests: true }));
  for (let i = 0; ; i++) {
    if (await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 300) throw new Error("the web server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  const cookies: string[] = [];
  for (const email of emails) cookies.push(await httpSignIn(BASE, email, TEST_PASSWORD));
  say(`${cookies.length} users signed in; warming up every page once`);
  for (const step of steps) {
    for (const u of [step, ...(step.then ?? [])]) await fetch(new URL(u.url(0, 0), BASE), { headers: { cookie: cookies[0]! } }).then((r) => r.text());
  }

  // The result cache as the worker leaves it after an ingest (see the top of this file).
  if (!values["keep-cache"]) {
    await getPool().query(`DELETE FROM case_result_cache WHERE case_id = $1`, [caseId]);
    if (values["cold-cache"]) say("result cache of the case emptied (--cold-cache)");
    else {
      const warmed = await unsafeWarmCaseViews(caseId);
      say(`result cache of the case emptied, then the worker's ${warmed.views} views computed in ${(warmed.ms / 1000).toFixed(1)} s (as after an ingest)`);
    }
  }
  // The concurrent ingest: another case, the worker (a separate process, as in production) loads it.
  // `--ingest-events 0` measures the pages alone (no concurrent ingest).
  let runState: () => Promise<{ state: string; records: number; inserted: number }> = async () => ({ state: "none", records: 0, inserted: 0 });
  if (INGEST_EVENTS > 0) {
    const ingestLead = await seedUser({ name: "Load ingest lead" });
    const ingestCase = await seedCase(ingestLead, { name: `load-ingest-${Date.now()}` });
    const scope = await resolveCaseScope(ingestLead.id, ingestCase.id, "evidence:write");
    const archive = ensureArchive(INGEST_EVENTS);
    const { ingestRunId } = await enqueueIngest(scope, { origin: "cli", sourceKind: "path", sourceLabel: "concurrent", sourcePath: archive });
    ingestRun = { scope, id: ingestRunId };
    runState = async () =>
      (await getPool().query<{ state: string; records: number; inserted: number }>(`SELECT state::text, records, inserted FROM ingest_runs WHERE id = $1`, [ingestRunId])).rows[0]!;
    for (let i = 0; (await runState()).state === "queued" && i < 300; i++) await new Promise((r) => setTimeout(r, 100));
  }
  const before = await runState();
  say(`concurrent ingest of ${INGEST_EVENTS.toLocaleString("en")} records into another case: ${before.state}`);

  const jobs: { at: number; active: string[] }[] = [];
  const runStart = performance.now();
  const sampler = setInterval(() => {
    const at = performance.now() - runStart;
    void getPool()
      .query<{ name: string }>(`SELECT DISTINCT name FROM pgboss.job WHERE state = 'active'`)
      .then(({ rows }) => jobs.push({ at, active: rows.map((r) => r.name) }), () => undefined);
  }, 2_000);
  const run = await runVirtualUsers({ baseUrl: BASE, cookies, steps, durationSeconds: DURATION, thinkSeconds: THINK });
  clearInterval(sampler);
  const after = await runState();
  const errorCount = run.errors.length;
  const { p95 } = report(
    `${USERS} users, think time ${THINK} s (uniform ${THINK / 2}–${(THINK * 3) / 2} s), ${DURATION} s, case of ${EVENTS.toLocaleString("en")} events`,
    run.samples,
    run.seconds,
    errorCount,
  );
  reportSlices(run.samples, run.seconds, jobs);
  for (const e of run.errors.slice(0, 5)) say(`    error: ${e.kind} ${e.url} → ${e.status} ${e.detail.slice(0, 120)}`);
  say(
    `  concurrent ingest during the run: ${before.state} → ${after.state}, records ${before.records.toLocaleString("en")} → ${after.records.toLocaleString("en")} (${((after.records - before.records) / run.seconds).toFixed(0)} records/s)`,
  );
  const cached = await getPool().query<{ kind: string; n: number; p50: number; max: number }>(
    `SELECT split_part(key, ':', 1) AS kind, count(*)::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY compute_ms)::int AS p50, max(compute_ms)::int AS max
       FROM case_result_cache WHERE case_id = $1 GROUP BY 1 ORDER BY 1`,
    [caseId],
  );
  say(`  result cache of the case (answers computed once per case stamp): ${cached.rows.map((r) => `${r.kind} ${r.n} (compute p50 ${r.p50} ms, max ${r.max} ms)`).join(", ") || "empty"}`);
  say(`  bar: p95 ≤ ${TARGET_P95_MS} ms with zero errors: ${p95 <= TARGET_P95_MS && errorCount === 0 ? "met" : "NOT met"} (p95 ${p95.toFixed(0)} ms, ${errorCount} errors)`);

  if (SATURATE > 0) {
    const sat = await runVirtualUsers({ baseUrl: BASE, cookies, steps, durationSeconds: SATURATE, thinkSeconds: 0 });
    report(`closed loop (no think time), ${USERS} users, ${SATURATE} s`, sat.samples, sat.seconds, sat.errors.length);
  }
} catch (err) {
  if (!(err instanceof PrepareOnly)) throw err;
  say("prepared; run again without --prepare-only to measure");
} finally {
  if (ingestRun) await cancelIngestRun(ingestRun.scope, ingestRun.id).catch(() => undefined);
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once("exit", r)))));
  await removeIngestCases().catch((err: unknown) => say(`could not remove the concurrent ingest's case: ${(err as Error).message}`));
  await closeDb();
  await db.stop();
}
