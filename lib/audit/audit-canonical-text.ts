// The canonical text of an audit row (version 1), hashed into the chain. Mirrors the SQL function
// "audit_log_canonical" in prisma/migrations/20261121180000_audit_log/migration.sql exactly: 13 lines
// joined by LF, no trailing LF:
//   trailbench-audit-v1 | prev_hash or "" | id (decimal) | at (UTC, YYYY-MM-DDTHH:MM:SS.mmmZ) |
//   actor_id | actor_label | action | case_id | target_type | target_id (each a JSON value: a JSON
//   string or null) | detail in PostgreSQL's jsonb text form | ip | user_agent (JSON values).
// PostgreSQL's to_json(text) escapes exactly as JSON.stringify does for any string it can store.
import { createHash } from "node:crypto";

export type AuditChainRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  caseId: string | null;
  targetType: string | null;
  targetId: string | null;
  /** detail::text as PostgreSQL prints the stored jsonb. */
  detailText: string;
  ip: string | null;
  userAgent: string | null;
  prevHash: string | null;
};

const json = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

export function auditCanonicalText(row: AuditChainRow): string {
  return [
    "trailbench-audit-v1",
    row.prevHash ?? "",
    row.id,
    row.at.toISOString(),
    json(row.actorId),
    json(row.actorLabel),
    json(row.action),
    json(row.caseId),
    json(row.targetType),
    json(row.targetId),
    row.detailText,
    json(row.ip),
    json(row.userAgent),
  ].join("\n");
}

export function auditRowHash(row: AuditChainRow): string {
  return createHash("sha256").update(auditCanonicalText(row), "utf8").digest("hex");
}
