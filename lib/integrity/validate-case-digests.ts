import { createHash } from "node:crypto";
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db/client";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";
import { readEvidenceFile } from "@/lib/evidence/read-evidence-file";
import type { DigestValidationReport, LogFileInput } from "@/lib/integrity/digests/digest-validation-types";
import { inflateEvidence } from "@/lib/integrity/digests/inflate-evidence";
import { validateDigests } from "@/lib/integrity/digests/validate-digests";

type FileRow = { path: string; sha256: string; size: string; pack: string | null; packOffset: string | null };

/** The digest summary the overview's checklist reads (stored on the case after each validation). */
export type DigestSummary = { result: DigestValidationReport["result"]; digests: number; problems: number; validatedAt: string };

/**
 * Validates the case's ingested CloudTrail digests (lib/integrity/digests) against its log files and the
 * stored CloudTrail public keys, and stores the summary on the case. The digests' bytes are read from the
 * evidence store; each log file a digest lists is read, inflated and hashed here (CloudTrail hashes the
 * uncompressed content), one at a time; log files no digest lists need no hash. Digest signatures come
 * from the S3 object metadata kept at ingest (evidence_signatures), else from the next digest in the chain.
 */
export async function validateCaseDigests(scope: CaseScope): Promise<DigestValidationReport> {
  if (!can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const pool = getPool();
  const select = `SELECT path, sha256, size::text AS size, pack, pack_offset::text AS "packOffset" FROM evidence_files`;
  const [{ rows: digestRows }, { rows: logRows }, { rows: keys }, { rows: signatures }] = await Promise.all([
    pool.query<FileRow>(`${select} WHERE case_id = $1 AND kind = 'digest' AND sha256 IS NOT NULL ORDER BY path`, [scope.caseId]),
    pool.query<FileRow>(`${select} WHERE case_id = $1 AND kind = 'events' AND sha256 IS NOT NULL AND path LIKE '%\\_CloudTrail\\_%' ORDER BY path`, [scope.caseId]),
    pool.query<{ fingerprint: string; der: Buffer; validFrom: Date | null; validTo: Date | null }>(
      `SELECT fingerprint, der, valid_from AS "validFrom", valid_to AS "validTo" FROM cloudtrail_public_keys`,
    ),
    pool.query<{ path: string; signature: string; algorithm: string }>(`SELECT path, signature, algorithm FROM evidence_signatures WHERE case_id = $1`, [scope.caseId]),
  ]);
  const signatureOf = new Map(signatures.map((s) => [s.path, { hex: s.signature, algorithm: s.algorithm }]));
  const read = (row: FileRow) =>
    readEvidenceFile(env.TRAILBENCH_DATA_DIR, { sha256: row.sha256, size: Number(row.size), pack: row.pack, packOffset: row.packOffset === null ? null : Number(row.packOffset) });
  const digests = [];
  const listed = new Set<string>();
  for (const row of digestRows) {
    const bytes = await read(row);
    digests.push({ path: row.path, bytes, signature: signatureOf.get(row.path) ?? null });
    const inflated = inflateEvidence(bytes);
    if ("bytes" in inflated) {
      try {
        const doc = JSON.parse(inflated.bytes.toString("utf8")) as { logFiles?: { s3Object?: unknown }[] };
        for (const f of doc.logFiles ?? []) if (typeof f.s3Object === "string") listed.add(baseName(f.s3Object));
      } catch {
        // An unreadable digest is reported by the validator itself.
      }
    }
  }
  const logFiles: LogFileInput[] = [];
  for (const row of logRows) {
    if (!listed.has(baseName(row.path)) && !listed.has(`${baseName(row.path)}.gz`)) {
      // Not listed by any digest: the validator reports it unverifiable by its path; its hash is never compared.
      logFiles.push({ path: row.path, contentSha256: "" });
      continue;
    }
    const inflated = inflateEvidence(await read(row));
    logFiles.push("bytes" in inflated ? { path: row.path, contentSha256: createHash("sha256").update(inflated.bytes).digest("hex") } : { path: row.path, contentSha256: "" });
  }
  const report = validateDigests({ digests, logFiles, publicKeys: keys.map((k) => ({ fingerprint: k.fingerprint, der: k.der, validFrom: k.validFrom, validTo: k.validTo })) });
  const summary: DigestSummary = {
    result: report.result,
    digests: digestRows.length,
    problems: report.digests.reduce((n, d) => n + d.problems.length, 0) + report.missingDigests.length,
    validatedAt: new Date().toISOString(),
  };
  await pool.query(`UPDATE cases SET digest_summary = $2, digest_validated_at = now() WHERE id = $1`, [scope.caseId, JSON.stringify(summary)]);
  return report;
}

/** The case's last digest validation summary, or null before the first. */
export async function getDigestSummary(scope: CaseScope): Promise<DigestSummary | null> {
  const { rows } = await getPool().query<{ s: DigestSummary | null }>(`SELECT digest_summary AS s FROM cases WHERE id = $1`, [scope.caseId]);
  return rows[0]?.s ?? null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
