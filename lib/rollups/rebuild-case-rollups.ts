// The case's rollups (issue #5): hour counts (dashboard summary, whole-case timeline), actor counts
// (top principals / keys / IPs / user agents, new-in-window identities) and denied counts (heatmaps).
// Rebuilt as a whole, in one transaction, by set-based statements over the case's events (three scans),
// after every ingest that added events (ROLLUPS_JOB). Readers see the previous rollups until the new
// ones commit; cases.rollups_event_count tells them whether the rollups cover every event.
import { getPool } from "@/lib/db/client";
import { DENIED_SQL, SERIES_COLUMNS_SQL, SERIES_COUNTS_SQL } from "@/lib/rollups/call-series-sql";

export type RollupCounts = { hourRows: number; actorRows: number; deniedRows: number; events: number };

/** The dimensions of case_actor_counts and the events column each is taken from. */
export const ACTOR_DIMENSIONS = {
  principal: "principal_arn",
  key: "access_key_id",
  ip: "source_ip_address",
  userAgent: "user_agent",
} as const;
export type ActorDimension = keyof typeof ACTOR_DIMENSIONS;

/**
 * Rebuilds every rollup of one case. Unscoped on purpose, like unsafeComputeCaseBaselines: the worker
 * calls it with the case id of the ingest run it finished; never call it with an id from a request.
 */
export async function unsafeRebuildCaseRollups(caseId: string, onStep?: (step: string, ms: number) => void): Promise<RollupCounts> {
  const client = await getPool().connect();
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    onStep?.(step, performance.now() - started);
    return result;
  };
  try {
    // One snapshot for every statement: the counted event_count and the scans agree even while an
    // ingest commits (commit-batch updates cases.event_count in the transaction that inserts).
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('rollups:' || $1::text, 0))", [caseId]);
    await client.query("SET LOCAL work_mem = '128MB'");
    // The count the rollups cover (an ingest committing after this snapshot queues another rebuild).
    const { rows: countRows } = await client.query<{ n: number }>("SELECT event_count AS n FROM cases WHERE id = $1", [caseId]);
    const events = countRows[0]?.n ?? 0;
    for (const table of ["case_hour_counts", "case_actor_counts", "case_denied_counts"]) {
      await client.query(`DELETE FROM ${table} WHERE case_id = $1`, [caseId]);
    }
    const hours = await timed("hour counts", () =>
      client.query(
        `INSERT INTO case_hour_counts (case_id, hour, account_id, region, category, ${SERIES_COLUMNS_SQL})
         SELECT $1, date_trunc('hour', event_time), coalesce(recipient_account_id, ''), coalesce(aws_region, ''), coalesce(event_category, ''),
                ${SERIES_COUNTS_SQL.replace(/\n\s*/g, " ")}
           FROM events WHERE case_id = $1
          GROUP BY 2, 3, 4, 5`,
        [caseId],
      ),
    );
    const actorSets = Object.entries(ACTOR_DIMENSIONS);
    const actors = await timed("actor counts", () =>
      client.query(
        `INSERT INTO case_actor_counts (case_id, dimension, value, total, mutating, denied, country, first_at, last_at)
         SELECT $1, d.dimension, d.value, sum(g.total), sum(g.mutating), sum(g.denied), max(g.country), min(g.first_at), max(g.last_at)
           FROM (
             SELECT ${actorSets.map(([, column]) => column).join(", ")},
                    GROUPING(${actorSets.map(([, column]) => column).join(", ")}) AS grp,
                    count(*)::int AS total,
                    count(*) FILTER (WHERE NOT ${DENIED_SQL} AND read_only = false)::int AS mutating,
                    count(*) FILTER (WHERE ${DENIED_SQL})::int AS denied,
                    max(source_country) AS country,
                    min(event_time) AS first_at, max(event_time) AS last_at
               FROM events WHERE case_id = $1
              GROUP BY GROUPING SETS (${actorSets.map(([, column]) => `(${column})`).join(", ")})
           ) g
           CROSS JOIN LATERAL (VALUES ${actorSets
             .map(([dimension, column], i) => `(${grpMask(i, actorSets.length)}, '${dimension}', g.${column})`)
             .join(", ")}) AS d(grp, dimension, value)
          WHERE d.grp = g.grp AND d.value IS NOT NULL
          GROUP BY d.dimension, d.value`,
        [caseId],
      ),
    );
    const denied = await timed("denied counts", () =>
      client.query(
        `INSERT INTO case_denied_counts (case_id, hour, principal, principal_kind, event_source, event_name, count, first_at)
         SELECT $1, date_trunc('hour', event_time), coalesce(principal_arn, invoked_by, ''),
                CASE WHEN principal_arn IS NOT NULL THEN 'arn' WHEN invoked_by IS NOT NULL THEN 'invokedBy' ELSE '' END,
                coalesce(event_source, ''), coalesce(event_name, ''), count(*)::int, min(event_time)
           FROM events WHERE case_id = $1 AND ${DENIED_SQL}
          GROUP BY 2, 3, 4, 5, 6`,
        [caseId],
      ),
    );
    await client.query("UPDATE cases SET rollups_event_count = $2, rollups_built_at = now() WHERE id = $1", [caseId, events]);
    await client.query("COMMIT");
    return { hourRows: hours.rowCount ?? 0, actorRows: actors.rowCount ?? 0, deniedRows: denied.rowCount ?? 0, events };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** GROUPING(c1, …, cn) of the grouping set (ci) alone: every bit set except column i's. */
function grpMask(i: number, n: number): number {
  return ((1 << n) - 1) & ~(1 << (n - 1 - i));
}
