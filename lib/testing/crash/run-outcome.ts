// What an ingest run left in the database, in a form two runs (in two cases) can be compared by, and
// the polling used while a worker process runs one. Raw SQL through the shared pool: the assertions are
// about rows, whatever the Prisma model says.
import { setTimeout as sleep } from "node:timers/promises";
import { getPool } from "@/lib/db/client";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";
import type { CrashEvidence } from "@/lib/testing/crash/crash-evidence";

export type RunRow = {
  state: string;
  files_done: number;
  records: number;
  inserted: number;
  duplicates: number;
  rejected_files: number;
  rejected_records: number;
  attempts: number;
  problems: { file: string; reason: string }[];
  message: string | null;
};

/** The ingest_runs counter columns an exact run of the evidence leaves (`state` aside). */
export function expectedRunColumns(c: CrashEvidence["expected"]["counters"]) {
  return {
    files_done: c.filesDone,
    records: c.records,
    inserted: c.inserted,
    duplicates: c.duplicates,
    rejected_files: c.rejectedFiles,
    rejected_records: c.rejectedRecords,
  };
}

/**
 * Reads back every stored evidence file of the case or of the run from `dataDir` (readEvidenceFile checks
 * the sha256): how many there are, and "<path>: <reason>" for each that does not read back byte for byte.
 */
export async function evidenceReadFailures(dataDir: string, of: { caseId: string } | { runId: string }): Promise<{ files: number; failures: string[] }> {
  const [column, id] = "caseId" in of ? ["case_id", of.caseId] : ["ingest_run_id", of.runId];
  const { rows } = await getPool().query<{ path: string; sha256: string | null; size: string; pack: string | null; pack_offset: string | null }>(
    `SELECT path, sha256, size::text, pack, pack_offset::text FROM evidence_files WHERE ${column} = $1 ORDER BY path`,
    [id],
  );
  const failures: string[] = [];
  for (const f of rows) {
    await readEvidenceFile(dataDir, { sha256: f.sha256, size: Number(f.size), pack: f.pack, packOffset: f.pack_offset === null ? null : Number(f.pack_offset) }).catch(
      (err: Error) => failures.push(`${f.path}: ${err.message}`),
    );
  }
  return { files: rows.length, failures };
}

/** A run that will not change any more. */
export const isTerminalRun = (r: RunRow) => r.state === "succeeded" || r.state === "failed" || r.state === "cancelled";

export async function readRun(runId: string): Promise<RunRow> {
  const { rows } = await getPool().query<RunRow>(
    `SELECT state::text AS state, files_done, records, inserted, duplicates, rejected_files, rejected_records, attempts, problems, message
       FROM ingest_runs WHERE id = $1`,
    [runId],
  );
  if (!rows[0]) throw new Error(`no ingest run ${runId}`);
  return rows[0];
}

/**
 * Polls the run until `until` holds; returns that row. Throws after `timeoutMs`, with `describe()`'s text
 * (e.g. the worker's log tail) in the message.
 */
export async function pollRun(
  runId: string,
  until: (row: RunRow) => boolean,
  opts: { timeoutMs: number; intervalMs?: number; describe?: () => string; onRow?: (row: RunRow) => void },
): Promise<RunRow> {
  const deadline = performance.now() + opts.timeoutMs;
  let last: RunRow | undefined;
  for (;;) {
    last = await readRun(runId);
    opts.onRow?.(last);
    if (until(last)) return last;
    if (performance.now() > deadline) {
      throw new Error(
        `run ${runId} did not reach the awaited state within ${opts.timeoutMs} ms; last row ${JSON.stringify({ ...last, problems: last.problems.length })}` +
          (opts.describe ? `\n--- worker output ---\n${opts.describe()}` : ""),
      );
    }
    await sleep(opts.intervalMs ?? 20);
  }
}

/** Waits until no session holds the run's advisory lock (the dead worker's backend has ended). */
export async function waitForRunLockFree(runId: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const client = await getPool().connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [runId]);
      if (rows[0]?.locked) {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [runId]);
        return performance.now() - t0;
      }
    } finally {
      client.release();
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`the advisory lock of run ${runId} is still held ${timeoutMs} ms after its worker died`);
    await sleep(50);
  }
}

/**
 * The committed state must be internally consistent at every instant (a file is committed entirely or
 * not at all): the run's counters are the sums over its evidence_files rows, its events are exactly the
 * rows those files inserted, and the case's event_count agrees. Returns the disagreements (none: []).
 */
export async function consistencyProblems(caseId: string, runId: string): Promise<string[]> {
  const { rows } = await getPool().query<Record<string, number>>(
    `SELECT
       (SELECT files_done FROM ingest_runs WHERE id = $2) AS run_files,
       (SELECT count(*)::int FROM evidence_files WHERE ingest_run_id = $2) AS file_rows,
       (SELECT count(DISTINCT path)::int FROM evidence_files WHERE ingest_run_id = $2) AS distinct_paths,
       (SELECT records FROM ingest_runs WHERE id = $2) AS run_records,
       (SELECT coalesce(sum(records), 0)::int FROM evidence_files WHERE ingest_run_id = $2) AS file_records,
       (SELECT inserted FROM ingest_runs WHERE id = $2) AS run_inserted,
       (SELECT coalesce(sum(inserted), 0)::int FROM evidence_files WHERE ingest_run_id = $2) AS file_inserted,
       (SELECT duplicates FROM ingest_runs WHERE id = $2) AS run_duplicates,
       (SELECT coalesce(sum(duplicates), 0)::int FROM evidence_files WHERE ingest_run_id = $2) AS file_duplicates,
       (SELECT rejected_files FROM ingest_runs WHERE id = $2) AS run_rejected_files,
       (SELECT count(*)::int FROM evidence_files WHERE ingest_run_id = $2 AND kind = 'rejected') AS file_rejected_files,
       (SELECT count(*)::int FROM events WHERE case_id = $1) AS event_rows,
       (SELECT event_count FROM cases WHERE id = $1) AS case_event_count,
       (SELECT count(*)::int FROM events e WHERE e.case_id = $1
          AND NOT EXISTS (SELECT 1 FROM evidence_files f WHERE f.id = e.evidence_file_id AND f.case_id = e.case_id)) AS orphan_events,
       (SELECT count(*)::int FROM (SELECT evidence_file_id, count(*) AS n FROM events WHERE case_id = $1 GROUP BY 1) g
          JOIN evidence_files f ON f.id = g.evidence_file_id WHERE f.inserted <> g.n) AS files_with_wrong_inserted`,
    [caseId, runId],
  );
  const r = rows[0]!;
  const out: string[] = [];
  const same = (a: string, b: string) => r[a] !== r[b] && out.push(`${a}=${r[a]} but ${b}=${r[b]}`);
  same("run_files", "file_rows");
  same("file_rows", "distinct_paths");
  same("run_records", "file_records");
  same("run_inserted", "file_inserted");
  same("run_duplicates", "file_duplicates");
  same("run_rejected_files", "file_rejected_files");
  same("run_inserted", "event_rows");
  same("event_rows", "case_event_count");
  if (r.orphan_events !== 0) out.push(`${r.orphan_events} events point at no evidence file of the case`);
  if (r.files_with_wrong_inserted !== 0) out.push(`${r.files_with_wrong_inserted} evidence files' inserted differs from their event rows`);
  return out;
}

export type RunOutcome = {
  counters: Omit<RunRow, "problems" | "attempts" | "message" | "state"> & { state: string };
  problems: string[];
  files: { path: string; kind: string; sha256: string | null; records: number; inserted: number; duplicates: number }[];
  eventRows: number;
  caseEventCount: number;
};

export async function runOutcome(caseId: string, runId: string): Promise<RunOutcome> {
  const run = await readRun(runId);
  const { rows: files } = await getPool().query<RunOutcome["files"][number]>(
    `SELECT path, kind, sha256, records, inserted, duplicates FROM evidence_files WHERE ingest_run_id = $1 ORDER BY path, id`,
    [runId],
  );
  const { rows: counts } = await getPool().query<{ n: number; c: number }>(
    `SELECT (SELECT count(*)::int FROM events WHERE case_id = $1) AS n, (SELECT event_count FROM cases WHERE id = $1) AS c`,
    [caseId],
  );
  return {
    counters: {
      state: run.state,
      files_done: run.files_done,
      records: run.records,
      inserted: run.inserted,
      duplicates: run.duplicates,
      rejected_files: run.rejected_files,
      rejected_records: run.rejected_records,
    },
    problems: run.problems.map((p) => `${p.file}: ${p.reason}`).sort(),
    files,
    eventRows: counts[0]!.n,
    caseEventCount: counts[0]!.c,
  };
}

/**
 * The events of case `b` that differ from those of case `a`, compared on (event_id, event_time,
 * event_name, access_key_id, position, evidence file path) as multisets: `missing` are in a only,
 * `extra` in b only (a few samples each, and the totals).
 */
export async function diffCaseEvents(a: string, b: string, sample = 10) {
  const keyed = (param: string) => `
    SELECT e.event_id, e.event_time::text AS event_time, e.event_name, e.access_key_id, e.position, f.path
      FROM events e LEFT JOIN evidence_files f ON f.id = e.evidence_file_id AND f.case_id = e.case_id
     WHERE e.case_id = ${param}`;
  const { rows } = await getPool().query<{ missing: number; extra: number; samples: string[] | null }>(
    `WITH a AS (${keyed("$1")}), b AS (${keyed("$2")}),
          missing AS (SELECT * FROM a EXCEPT ALL SELECT * FROM b),
          extra AS (SELECT * FROM b EXCEPT ALL SELECT * FROM a)
     SELECT (SELECT count(*)::int FROM missing) AS missing,
            (SELECT count(*)::int FROM extra) AS extra,
            ARRAY(SELECT * FROM (
              (SELECT 'missing: ' || event_id || ' @ ' || coalesce(path, '?') || '#' || position FROM missing ORDER BY event_id LIMIT $3)
              UNION ALL
              (SELECT 'extra: ' || event_id || ' @ ' || coalesce(path, '?') || '#' || position FROM extra ORDER BY event_id LIMIT $3)) s) AS samples`,
    [a, b, sample],
  );
  return { missing: rows[0]!.missing, extra: rows[0]!.extra, samples: rows[0]!.samples ?? [] };
}

/** Every event row of the case as eventID → (path, position) of the delivery it was taken from. */
export async function keptDeliveries(caseId: string): Promise<Map<string, { path: string | null; position: number }>> {
  const { rows } = await getPool().query<{ event_id: string; path: string | null; position: number }>(
    `SELECT e.event_id, f.path, e.position FROM events e LEFT JOIN evidence_files f ON f.id = e.evidence_file_id WHERE e.case_id = $1`,
    [caseId],
  );
  return new Map(rows.map((r) => [r.event_id, { path: r.path, position: r.position }]));
}

/**
 * What the other sessions of this database are doing inside a transaction right now, as
 * "state: statement" (e.g. a worker's commitBatch in flight: "active: COPY events_stage …").
 */
export async function openTransactions(): Promise<string[]> {
  const { rows } = await getPool().query<{ d: string }>(
    `SELECT state || ': ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS d
       FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
        AND xact_start IS NOT NULL AND state IN ('active', 'idle in transaction')
      ORDER BY xact_start`,
  );
  return rows.map((r) => r.d);
}

/** A commitBatch transaction (lib/ingest/commit-batch.ts) is open in another session, at one of its statements. */
export function isCommitBatchStatement(d: string): boolean {
  return /(COPY events|INSERT INTO events|INSERT INTO evidence_files|UPDATE evidence_files|SAVEPOINT direct_copy|events_stage|synchronous_commit|UPDATE cases SET event_count|UPDATE ingest_runs SET\s+files_done)/i.test(d);
}
