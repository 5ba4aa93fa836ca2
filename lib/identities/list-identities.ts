import type { CaseScope } from "@/lib/auth/case-scope";
import { db, getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { IdentityItemList, IdentityKind, IncidentWindow } from "@/lib/identities/identity-kind";
import { isInIncidentWindow } from "@/lib/identities/is-in-incident-window";

/** Identities listed per kind, most events first. */
export const IDENTITY_LIST_LIMIT = 200;

export type CaseIdentities = {
  /** The case's incident window; null when none is set (then nothing is marked new). */
  window: IncidentWindow | null;
} & Record<IdentityKind, IdentityItemList>;

type Row = { kind: IdentityKind; value: string; n: number; first: Date | null; last: Date | null; distinct: number };

/**
 * One pass over the case's events, grouped three ways at once (GROUPING SETS, one hash table per
 * kind), then ranked per kind over the grouped rows. Measured on the 2-core reference machine at 1.3M
 * events: ~0.8 s, against ~1.2 s for three GROUP BY branches under UNION ALL (ARCHITECTURE.md decision log).
 */
const SQL = `
WITH grouped AS (
  SELECT CASE WHEN GROUPING(principal_arn) = 0 THEN 'principal'
              WHEN GROUPING(session_issuer_arn) = 0 THEN 'role'
              ELSE 'key' END AS kind,
         -- In each grouping set the other two columns are NULL, so this is the set's own value.
         COALESCE(principal_arn, session_issuer_arn, access_key_id) AS value,
         count(*) AS n, min(event_time) AS first, max(event_time) AS last
    FROM events
   WHERE case_id = $1
   GROUP BY GROUPING SETS ((principal_arn), (session_issuer_arn), (access_key_id))
), ranked AS (
  SELECT grouped.*,
         count(*) OVER (PARTITION BY kind) AS distinct_n,
         row_number() OVER (PARTITION BY kind ORDER BY n DESC, value COLLATE "C") AS rank_n
    FROM grouped
   WHERE value IS NOT NULL
)
SELECT kind, value, n::float8 AS n, first, last, distinct_n::float8 AS "distinct"
  FROM ranked
 WHERE rank_n <= $2
 ORDER BY kind, n DESC, value COLLATE "C"`;

/**
 * The case's principals (userIdentity.arn), roles (session issuers) and access keys, each with its
 * event count, first and last seen, and whether it was first seen inside the incident window: the
 * identities index page. At most IDENTITY_LIST_LIMIT per kind; `distinct` says how many there are.
 */
export async function listIdentities(scope: CaseScope, opts: { limit?: number } = {}): Promise<CaseIdentities> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? IDENTITY_LIST_LIMIT), 1), 1000);
  const [{ rows }, found] = await Promise.all([
    getPool().query<Row>(SQL, [scope.caseId, limit]),
    db.case.findUnique({ where: { id: scope.caseId }, select: { windowStart: true, windowEnd: true } }),
  ]);
  if (!found) throw new AppError("NOT_FOUND");
  const window: IncidentWindow = { start: found.windowStart, end: found.windowEnd };
  const of = (kind: IdentityKind): IdentityItemList => {
    const mine = rows.filter((r) => r.kind === kind);
    return {
      items: mine.map((r) => ({ value: r.value, count: r.n, firstSeen: r.first, lastSeen: r.last, isNew: isInIncidentWindow(window, r.first) })),
      distinct: mine[0]?.distinct ?? 0,
    };
  };
  return { window: window.start || window.end ? window : null, principal: of("principal"), role: of("role"), key: of("key") };
}
