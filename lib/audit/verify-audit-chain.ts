// Recomputes the audit log's hash chain in TypeScript (independently of the database trigger that built
// it) and reports the first row that does not verify. A row altered or inserted with the triggers
// disabled fails its own hash; a row deleted from the middle breaks the next row's link. Removing the
// newest rows is only visible against a previously noted head (count + head hash), which the admin
// page shows for that purpose. Global (admins and the CLI only): not case-scoped.
import { getPool } from "@/lib/db/client";
import { auditRowHash, type AuditChainRow } from "@/lib/audit/audit-canonical-text";

export type AuditChainStatus = {
  ok: boolean;
  /** Rows checked (all rows when ok). */
  checked: number;
  /** The newest row's id and hash when ok (note them down to detect truncation of the tail later). */
  headId: string | null;
  headHash: string | null;
  /** The first row that failed, and why. */
  brokenAtId: string | null;
  problem: "hash" | "link" | null;
};

type DbRow = Omit<AuditChainRow, "detailText"> & { detailText: string; hash: string };

const BATCH = 5_000;

export async function verifyAuditChain(): Promise<AuditChainStatus> {
  let afterId = "0";
  let previousHash: string | null = null;
  let checked = 0;
  let headId: string | null = null;
  for (;;) {
    const { rows } = await getPool().query<DbRow>(
      `SELECT "id"::text AS id, "at", "actor_id"::text AS "actorId", "actor_label" AS "actorLabel", "action",
              "case_id"::text AS "caseId", "target_type" AS "targetType", "target_id" AS "targetId",
              "detail"::text AS "detailText", "ip", "user_agent" AS "userAgent", "prev_hash" AS "prevHash", "hash"
         FROM "audit_log" WHERE "audit_log"."id" > $1::bigint ORDER BY "audit_log"."id" LIMIT $2`,
      [afterId, BATCH],
    );
    for (const row of rows) {
      if (row.prevHash !== previousHash) return { ok: false, checked, headId: null, headHash: null, brokenAtId: row.id, problem: "link" };
      if (auditRowHash(row) !== row.hash) return { ok: false, checked, headId: null, headHash: null, brokenAtId: row.id, problem: "hash" };
      previousHash = row.hash;
      headId = row.id;
      checked += 1;
    }
    if (rows.length < BATCH) break;
    afterId = rows[rows.length - 1]!.id;
  }
  return { ok: true, checked, headId, headHash: previousHash, brokenAtId: null, problem: null };
}
