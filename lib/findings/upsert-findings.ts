import type { PoolClient } from "pg";
import { getPool } from "@/lib/db/client";
import { findingKey, MAX_FINDING_EVENTS, MAX_FINDING_REASONS } from "@/lib/findings/finding-draft-collector";
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

/** What a detection run writes (lib/findings/run-detections.ts). */
export type FindingsWrite = {
  /**
   * "full": `replace` is every finding; untriaged findings it lacks are removed; the included files
   * become exactly `files`. "incremental": `merge` drafts extend the stored findings with new events;
   * `replace` drafts stand for the rules in `replacedRules` and the rule × principal pairs in
   * `replacedPrincipals`, whose untriaged findings they lack are removed; `files` are added.
   */
  mode: "full" | "incremental";
  replace: readonly FindingDraft[];
  merge: readonly FindingDraft[];
  replacedRules: readonly string[];
  replacedPrincipals: readonly { ruleId: string; principal: string }[];
  files: readonly string[];
  fingerprint: string;
  /** cases.event_count in the run's snapshot. */
  eventCount: number;
};

type Stored = { reason: string; eventIds: string[]; eventCount: number; firstAt: Date | null; lastAt: Date | null };

/**
 * Writes a run's findings in one transaction: each upserted on (case, rule, principal, failedAttempt),
 * keeping its status, note and triage; untriaged findings the run's scope no longer produces are
 * removed (a rule or threshold change), triaged ones are kept (their triage is case history). Records
 * the fingerprint and the evidence files the findings now include.
 */
export async function upsertFindings(caseId: string, write: FindingsWrite): Promise<{ created: number; updated: number; removed: number }> {
  const client = await getPool().connect();
  let created = 0;
  let updated = 0;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('findings:' || $1::text, 0))", [caseId]);
    const keep: string[] = [];
    const drafts = [...write.replace, ...(await mergeWithStored(client, caseId, write.merge))];
    for (const d of drafts) {
      const reason = d.reasons.join(REASON_SEPARATOR);
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
    let removed = 0;
    if (write.mode === "full") {
      removed = (await client.query(`DELETE FROM findings WHERE case_id = $1 AND status = 'new' AND note = '' AND NOT (id = ANY($2::uuid[]))`, [caseId, keep])).rowCount ?? 0;
      await client.query(`DELETE FROM detected_evidence_files WHERE case_id = $1`, [caseId]);
    } else if (write.replacedRules.length > 0 || write.replacedPrincipals.length > 0) {
      const result = await client.query(
        `DELETE FROM findings WHERE case_id = $1 AND status = 'new' AND note = '' AND NOT (id = ANY($2::uuid[]))
            AND (rule_id = ANY($3::text[])
                 OR EXISTS (SELECT 1 FROM unnest($4::text[], $5::text[]) AS p(rule_id, principal)
                             WHERE p.rule_id = findings.rule_id AND p.principal = findings.principal))`,
        [caseId, keep, write.replacedRules, write.replacedPrincipals.map((p) => p.ruleId), write.replacedPrincipals.map((p) => p.principal)],
      );
      removed = result.rowCount ?? 0;
    }
    await client.query(
      `INSERT INTO detected_evidence_files (case_id, evidence_file_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [caseId, write.files],
    );
    await client.query(
      `UPDATE cases SET detections_run_at = now(), detections_event_count = $2, detections_fingerprint = $3, detections_mode = $4 WHERE id = $1`,
      [caseId, write.eventCount, write.fingerprint, write.mode],
    );
    await client.query("COMMIT");
    return { created, updated, removed };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const REASON_SEPARATOR = " · ";

/** Incremental drafts combined with the stored findings they extend (ids appended, counts added, times widened). */
async function mergeWithStored(client: PoolClient, caseId: string, merge: readonly FindingDraft[]): Promise<FindingDraft[]> {
  if (merge.length === 0) return [];
  const { rows } = await client.query<Stored & { ruleId: string; principal: string; failedAttempt: boolean }>(
    `SELECT f.rule_id AS "ruleId", f.principal, f.failed_attempt AS "failedAttempt", f.reason, f.event_ids AS "eventIds", f.event_count AS "eventCount",
            f.first_at AS "firstAt", f.last_at AS "lastAt"
       FROM findings f
       JOIN unnest($2::text[], $3::text[], $4::boolean[]) AS k(rule_id, principal, failed_attempt)
         ON f.rule_id = k.rule_id AND f.principal = k.principal AND f.failed_attempt = k.failed_attempt
      WHERE f.case_id = $1
      FOR UPDATE OF f`,
    [caseId, merge.map((d) => d.ruleId), merge.map((d) => d.principal), merge.map((d) => d.failedAttempt)],
  );
  const stored = new Map(rows.map((r) => [findingKey(r), r]));
  return merge.map((d) => {
    const old = stored.get(findingKey(d));
    if (!old) return d;
    const reasons = old.reason === "" ? [] : old.reason.split(REASON_SEPARATOR);
    for (const r of d.reasons) if (reasons.length < MAX_FINDING_REASONS && !reasons.includes(r)) reasons.push(r);
    const known = new Set(old.eventIds);
    const eventIds = [...old.eventIds, ...d.eventIds.filter((id) => !known.has(id))].slice(0, MAX_FINDING_EVENTS);
    return {
      ...d,
      reasons,
      eventIds,
      eventCount: old.eventCount + d.eventCount,
      firstAt: minDate(old.firstAt, d.firstAt),
      lastAt: maxDate(old.lastAt, d.lastAt),
    };
  });
}

const minDate = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a > b ? a : b);
