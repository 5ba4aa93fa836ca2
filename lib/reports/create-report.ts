import { createHash } from "node:crypto";
import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { buildReportSnapshot } from "@/lib/reports/build-report-snapshot";
import type { ReportSnapshot } from "@/lib/reports/report-types";

export const REPORT_FORMATS = ["pdf", "html", "md", "json", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How each format is rendered from a snapshot (the PDF and HTML renderers draw the React chart components, so callers pass them in). */
export type ReportRenderers = Record<Exclude<ReportFormat, "json">, (snapshot: ReportSnapshot) => Promise<Buffer | string> | Buffer | string>;

export type StoredReport = { id: string; identifier: string; format: ReportFormat; sha256: string; size: number; createdAt: string; createdBy: string | null };

/**
 * Exports the case report in one format as a new immutable snapshot: the identifier is
 * AWS-IR-<YYYYMMDD>-<SEQ> (the UTC day, SEQ counting that day's exports across the workbench from 1,
 * zero-padded to 3), the bytes are stored with their SHA-256 (the database checks it) and never changed.
 * Leads and investigators ("events:read" and "reports:read").
 */
export async function createReport(scope: CaseScope, format: ReportFormat, renderers: ReportRenderers, now = new Date()): Promise<StoredReport> {
  if (!can(scope.role, "reports:read") || !can(scope.role, "events:read")) throw new AppError("NOT_FOUND");
  const pool = getPool();
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  const author = scope.userId
    ? ((await pool.query<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [scope.userId])).rows[0]?.name ?? null)
    : "local operator (CLI)";
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // One export at a time per day, so sequence numbers are dense and unique.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('reports:' || $1::text, 0))", [day]);
    const { rows: seqRows } = await client.query<{ n: number }>(
      `SELECT count(DISTINCT identifier)::int AS n FROM reports WHERE identifier LIKE $1`,
      [`AWS-IR-${day}-%`],
    );
    const identifier = `AWS-IR-${day}-${String((seqRows[0]?.n ?? 0) + 1).padStart(3, "0")}`;
    const snapshot = await buildReportSnapshot(scope, { identifier, generatedAt: now, generatedBy: author });
    const rendered = format === "json" ? `${JSON.stringify(snapshot, null, 2)}\n` : await renderers[format](snapshot);
    const bytes = typeof rendered === "string" ? Buffer.from(rendered, "utf8") : rendered;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const { rows } = await client.query<{ id: string; createdAt: Date }>(
      `INSERT INTO reports (case_id, identifier, format, created_by_id, created_at, sha256, size, bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at AS "createdAt"`,
      [scope.caseId, identifier, format, scope.userId, now, sha256, bytes.length, bytes],
    );
    await recordAudit(
      {
        action: "report.create",
        actorId: scope.userId,
        actorLabel: scope.userId ? null : "operator",
        caseId: scope.caseId,
        targetType: "report",
        targetId: rows[0]!.id,
        detail: { identifier, format, sha256, size: bytes.length },
      },
      client,
    );
    await client.query("COMMIT");
    return { id: rows[0]!.id, identifier, format, sha256, size: bytes.length, createdAt: rows[0]!.createdAt.toISOString(), createdBy: author };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The case's exports, newest first (viewers too: "reports:read"). */
export async function listReports(scope: CaseScope): Promise<StoredReport[]> {
  if (!can(scope.role, "reports:read")) throw new AppError("NOT_FOUND");
  const { rows } = await getPool().query<Omit<StoredReport, "createdAt"> & { createdAt: Date }>(
    `SELECT r.id, r.identifier, r.format, r.sha256, r.size, r.created_at AS "createdAt", coalesce(u.name, CASE WHEN r.created_by_id IS NULL THEN 'local operator (CLI)' END) AS "createdBy"
       FROM reports r LEFT JOIN users u ON u.id = r.created_by_id WHERE r.case_id = $1 ORDER BY r.created_at DESC, r.identifier DESC`,
    [scope.caseId],
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** One export's bytes, looked up inside the case (another case's report id is NOT_FOUND). */
export async function getReportBytes(scope: CaseScope, reportId: string): Promise<{ identifier: string; format: ReportFormat; sha256: string; bytes: Buffer }> {
  if (!can(scope.role, "reports:read")) throw new AppError("NOT_FOUND");
  if (!/^[0-9a-f-]{36}$/i.test(reportId)) throw new AppError("NOT_FOUND");
  const { rows } = await getPool().query<{ identifier: string; format: ReportFormat; sha256: string; bytes: Buffer }>(
    `SELECT identifier, format, sha256, bytes FROM reports WHERE case_id = $1 AND id = $2`,
    [scope.caseId, reportId],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND");
  // Every download (web page and /api/v1) reads the bytes here: the audit's export.download.
  const { identifier, format, sha256 } = rows[0];
  await recordAudit({ action: "export.download", actorId: scope.userId, caseId: scope.caseId, targetType: "report", targetId: reportId, detail: { identifier, format, sha256 } });
  return rows[0];
}
