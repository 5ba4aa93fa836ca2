// The one SQL reader of the audit log's lists and exports. `unsafe…`: it takes the case id as a plain
// value (null = every case) and checks nothing; callers are listAuditLog (admins), listCaseAuditLog
// (a CaseScope with audit:read) and exportAuditEntries, which authorize first.
import { getPool } from "@/lib/db/client";
import { actionInSet, NOT_READING_SQL, READING_ACTIONS, type ActionSet } from "@/lib/audit/activity-actions";
import { dateBound, type AuditEntry, type TAuditFilters } from "@/lib/audit/audit-entry";

type Row = Omit<AuditEntry, "at"> & { at: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type QueryOptions = { limit: number; actions?: ActionSet; afterId?: string; ascending?: boolean };

export async function unsafeQueryAuditEntries(caseId: string | null, filters: TAuditFilters, opts: QueryOptions): Promise<AuditEntry[]> {
  const { text, values } = auditEntriesSql(caseId, filters, opts);
  const { rows } = await getPool().query<Row>(text, values);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** The SQL text and parameters of unsafeQueryAuditEntries (exported for the plan test). */
export function auditEntriesSql(caseId: string | null, filters: TAuditFilters, opts: QueryOptions): { text: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const scopeCase = caseId ?? filters.caseId ?? null;
  if (scopeCase) where.push(`a.case_id = ${param(scopeCase)}::uuid`);
  if (filters.action) where.push(`a.action = ${param(filters.action)}`);
  if (filters.actor) {
    if (UUID.test(filters.actor)) where.push(`a.actor_id = ${param(filters.actor)}::uuid`);
    else where.push(`strpos(lower(concat_ws(' ', u.email, u.name, a.actor_label)), lower(${param(filters.actor)})) > 0`);
  }
  if (filters.from) where.push(`a.at >= ${param(dateBound(filters.from, "from"))}`);
  if (filters.to) where.push(`a.at <= ${param(dateBound(filters.to, "to"))}`);
  if (filters.before) where.push(`a.id < ${param(filters.before)}::bigint`);
  if (opts.afterId) where.push(`a.id > ${param(opts.afterId)}::bigint`);
  if (opts.actions) {
    // A set without reading actions (the activity feed's) says so in constant SQL (lib/audit/activity-actions.ts),
    // which lets the planner use the partial index of the team's work; the answer is the same.
    const actions = opts.actions;
    if (!READING_ACTIONS.some((action) => actionInSet(action, actions))) where.push(NOT_READING_SQL);
    where.push(`split_part(a.action, '.', 1) = ANY(${param(opts.actions.prefixes)}::text[])`);
    where.push(`a.action <> ALL(${param(opts.actions.except)}::text[])`);
  }
  return {
    text: `SELECT a.id::text AS id, a.at, a.actor_id::text AS "actorId", a.actor_label AS "actorLabel", u.name AS "actorName", u.email AS "actorEmail",
            a.action, a.case_id::text AS "caseId", c.name AS "caseName", a.target_type AS "targetType", a.target_id AS "targetId",
            a.detail, a.detail::text AS "detailText", a.ip, a.user_agent AS "userAgent", a.prev_hash AS "prevHash", a.hash
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN cases c ON c.id = a.case_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY a.id ${opts.ascending ? "ASC" : "DESC"} LIMIT ${param(opts.limit)}`,
    values,
  };
}
