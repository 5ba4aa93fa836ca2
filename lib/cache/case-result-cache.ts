// Results of whole-case aggregates, kept per case and per stamp (issue #9, load). Fifty analysts on one
// case mostly read the same few views: the facets and count of the unfiltered table, a principal's
// timeline, the coverage statement behind the checklist. Each of these scans up to millions of events
// (0.2–20 s at 5M) and gives the same answer until the case's events change, so the first reader
// computes it and the others read the stored answer: the idea of Elasticsearch's shard request cache
// (aggregations cached per shard, dropped when the shard refreshes), with the case as the shard.
//
// The stamp is what the answers are a function of: the case's event count (events are append-only:
// every ingest commit adds to it, nothing removes events but deleting the case) and the time its
// rollups were last built. A result whose inputs include anything else (tags, marks, notes, findings,
// baselines, the case's trusted networks or expected countries) is never cached: see
// `isEventsOnlyFilter`, and the callers keep such parts live (a timeline's markers, a checklist's
// triage state).
//
// Stored in PostgreSQL rather than in the web process: shared by every web process and the worker,
// kept across restarts, and case-scoped like the rest (case_id leads the key; deleting the case
// deletes its rows). Concurrent identical requests in one process share one computation.
import { createHash } from "node:crypto";
import type { CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import type { FilterAst } from "@/lib/events/filter/filter-ast";

/** Filter operators whose answer depends on more than the case's events (annotations, findings, baselines, case settings). */
const LIVE_OPS: ReadonlySet<string> = new Set(["trusted", "expectedCountry", "finding", "deviation", "tag", "mark", "note"]);

/** Entries kept per case at its current stamp; the excess is dropped when a new one is stored (see store). */
export const CACHE_ENTRIES_PER_CASE = 2_000;
/**
 * Answers that took at least this long to compute are dropped last. A 300 s load run stored 2,000
 * cheap filtered views (6 ms each) in a case and so pushed out, oldest first, the checklist's coverage
 * statement (29 s under load) and unresolved temporary keys (19 s), which every overview reads: their
 * next readers waited 28 s. There are a few dozen such answers per stamp at most.
 */
export const EXPENSIVE_ANSWER_MS = 1_000;

/**
 * True when the filter's answer is a function of the case's events alone (so it may be cached). Callers
 * key such a filter by formatFilter(filter), its canonical text (parseFilter gives back the same terms).
 */
export function isEventsOnlyFilter(filter: FilterAst | undefined): boolean {
  return !filter || filter.terms.every((t) => t.kind === "text" || !LIVE_OPS.has(t.op));
}

/** What the case's derived answers are a function of, as SQL over `cases`: event count and rollup build time (ms). */
const STAMP_SQL = `event_count::text || ':' || coalesce((extract(epoch FROM rollups_built_at) * 1000)::bigint::text, '-')`;

/** The case's stamp; null when the case does not exist. */
export async function caseStamp(caseId: string): Promise<string | null> {
  const { rows } = await getPool().query<{ stamp: string }>(`SELECT ${STAMP_SQL} AS stamp FROM cases WHERE id = $1`, [caseId]);
  return rows[0]?.stamp ?? null;
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * `compute()`'s answer for this case, `kind` and `params`, from the store when it was computed at the
 * case's current stamp, else computed now and stored. The caller has already checked `scope`'s
 * permission for the answer; `compute` must depend only on the case's events and rollups and on
 * `params`. Every caller gets the answer through JSON (a Date comes back as its ISO string).
 */
export async function cachedCaseResult<T>(scope: CaseScope, kind: string, params: unknown, compute: () => Promise<T>): Promise<T> {
  const key = `${kind}:${createHash("sha256").update(JSON.stringify(params)).digest("base64url")}`;
  // The case's current stamp and the answer stored at it, in one round trip.
  const { rows } = await getPool().query<{ stamp: string; value: T | null }>(
    `SELECT c.stamp, r.value FROM (SELECT ${STAMP_SQL} AS stamp FROM cases WHERE id = $1) c
       LEFT JOIN case_result_cache r ON r.case_id = $1 AND r.key = $2 AND r.stamp = c.stamp`,
    [scope.caseId, key],
  );
  const found = rows[0];
  if (!found) return compute();
  if (found.value !== null) return found.value;
  const stamp = found.stamp;
  const flightKey = `${scope.caseId}|${key}|${stamp}`;
  const pending = inFlight.get(flightKey) as Promise<T> | undefined;
  if (pending) return pending;
  const run = (async () => {
    const t0 = performance.now();
    // Serialised once: the stored text, and what every caller gets back (a hit returns parsed JSON,
    // so a miss does too: the same shapes either way).
    const json = JSON.stringify(await compute());
    await store(scope.caseId, key, stamp, json, Math.round(performance.now() - t0));
    return JSON.parse(json) as T;
  })().finally(() => inFlight.delete(flightKey));
  inFlight.set(flightKey, run);
  return run;
}

async function store(caseId: string, key: string, stamp: string, json: string, computeMs: number): Promise<void> {
  const pool = getPool();
  // A case deleted meanwhile: the foreign key refuses the row, and the answer is still returned.
  await pool
    .query(
      `INSERT INTO case_result_cache (case_id, key, stamp, value, compute_ms) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (case_id, key) DO UPDATE SET stamp = EXCLUDED.stamp, value = EXCLUDED.value, compute_ms = EXCLUDED.compute_ms, created_at = now()`,
      [caseId, key, stamp, json, computeMs],
    )
    .catch((err: unknown) => {
      if ((err as { code?: string }).code !== "23503") throw err;
    });
  // Answers of older stamps are never read again; of this stamp's, the expensive ones and then the newest
  // are kept up to the cap (a cheap answer dropped costs its next reader a few milliseconds).
  await pool.query(
    `DELETE FROM case_result_cache WHERE case_id = $1 AND (stamp <> $2 OR key IN (
       SELECT key FROM case_result_cache WHERE case_id = $1 ORDER BY compute_ms >= $4 DESC, created_at DESC OFFSET $3))`,
    [caseId, stamp, CACHE_ENTRIES_PER_CASE, EXPENSIVE_ANSWER_MS],
  );
}
