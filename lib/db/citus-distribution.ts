// How Trailbench's tables map onto a PostgreSQL + Citus cluster (ARCHITECTURE.md, "Past one machine").
// Case-scoped tables are distributed by case_id and co-located with `events`, so every query of one case
// (all of them carry `case_id = $1`) is routed to one worker node; the small global tables are reference
// tables (copied to every node, so joins and foreign keys to them stay local); the audit log and the
// report files stay on the coordinator (one hash chain in one order; few large rows read one at a time).
// lib/db/distribution-keys.int.test.ts holds the migrated schema to this plan.

/** Distributed by case_id, co-located with events. */
export const DISTRIBUTED_TABLES = [
  "events",
  "event_deviations",
  "identity_baselines",
  "ingest_runs",
  "evidence_files",
  "evidence_signatures",
  "detected_evidence_files",
  "case_hour_counts",
  "case_actor_counts",
  "case_denied_counts",
  "findings",
  "notes",
  "bookmarks",
  "event_tags",
  "event_marks",
  "case_result_cache",
] as const;

/** Replicated to every node. */
export const REFERENCE_TABLES = ["users", "cases", "case_members", "api_tokens", "user_identities", "cloudtrail_public_keys"] as const;

/** Coordinator only (Citus local tables). */
export const COORDINATOR_TABLES = ["audit_log", "reports"] as const;

export const DISTRIBUTION_COLUMN = "case_id";

/**
 * The statements that turn a migrated Trailbench database into a Citus one, in an order Citus accepts
 * (reference tables before the tables that reference them; `events` first as the co-location anchor).
 * Run once on the coordinator after `trailbench db migrate` and before any data is loaded.
 */
export function citusDistributionSql(): string[] {
  const sql = ["CREATE EXTENSION IF NOT EXISTS citus;"];
  for (const t of REFERENCE_TABLES) sql.push(`SELECT create_reference_table('${t}');`);
  sql.push(`SELECT create_distributed_table('events', '${DISTRIBUTION_COLUMN}');`);
  for (const t of DISTRIBUTED_TABLES.filter((x) => x !== "events")) {
    sql.push(`SELECT create_distributed_table('${t}', '${DISTRIBUTION_COLUMN}', colocate_with => 'events');`);
  }
  for (const t of COORDINATOR_TABLES) sql.push(`SELECT citus_add_local_table_to_metadata('${t}');`);
  return sql;
}
