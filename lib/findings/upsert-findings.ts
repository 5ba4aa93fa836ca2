import { getPool } from "@/lib/db/client";
import type { Severity } from "@/lib/detections/rule-types";

/** One finding as a run produced it (before it meets the stored row and its triage). */
export type FindingDraft = {
  ruleId: string;
  source: "builtin" | "sigma";
  title: string;
  severity: Severity;
  description: string;
  ruleAuthor: string | null;
  attack: string[];
  tactics: string[];
  evidenceFields: string[];
  principal: string;
  failedAttempt: boolean;
  reasons: string[];
  eventIds: string[];
  eventCount: number;
  firstAt: Date | null;
  lastAt: Date | null;
};

/**
 * Writes a run's findings in one transaction: each upserted on (case, rule, principal, failedAttempt),
 * keeping its status, note and triage; untriaged findings of the case this run did not produce are
 * removed (a rule or threshold change), triaged ones are kept (their triage is case history).
 */
export async function upsertFindings(caseId: string, drafts: readonly FindingDraft[]): Promise<{ created: number; updated: number; removed: number }> {
  const client = await getPool().connect();
  let created = 0;
  let updated = 0;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('findings:' || $1::text, 0))", [caseId]);
    const keep: string[] = [];
    for (const d of drafts) {
      const reason = d.reasons.join(" · ");
      const { rows } = await client.query<{ id: string; inserted: boolean }>(
        `INSERT INTO findings (case_id, rule_id, source, title, severity, description, rule_author, attack, tactics, evidence_fields,
                               principal, failed_attempt, reason, event_ids, event_count, first_at, last_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (case_id, rule_id, principal, failed_attempt) DO UPDATE SET
           source = EXCLUDED.source, title = EXCLUDED.title, severity = EXCLUDED.severity, description = EXCLUDED.description,
           rule_author = EXCLUDED.rule_author, attack = EXCLUDED.attack, tactics = EXCLUDED.tactics, evidence_fields = EXCLUDED.evidence_fields,
           reason = EXCLUDED.reason, event_ids = EXCLUDED.event_ids, event_count = EXCLUDED.event_count,
           first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at,
           updated_at = CASE WHEN findings.event_count IS DISTINCT FROM EXCLUDED.event_count OR findings.reason IS DISTINCT FROM EXCLUDED.reason
                             THEN now() ELSE findings.updated_at END
         RETURNING id, (xmax = 0) AS inserted`,
        [caseId, d.ruleId, d.source, d.title, d.severity, d.description, d.ruleAuthor, d.attack, d.tactics, d.evidenceFields,
          d.principal, d.failedAttempt, reason, d.eventIds, d.eventCount, d.firstAt, d.lastAt],
      );
      const row = rows[0]!;
      keep.push(row.id);
      if (row.inserted) created++;
      else updated++;
    }
    const removed = await client.query(`DELETE FROM findings WHERE case_id = $1 AND status = 'new' AND note = '' AND NOT (id = ANY($2::uuid[]))`, [caseId, keep]);
    await client.query(`UPDATE cases SET detections_run_at = now(), detections_event_count = event_count WHERE id = $1`, [caseId]);
    await client.query("COMMIT");
    return { created, updated, removed: removed.rowCount ?? 0 };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
