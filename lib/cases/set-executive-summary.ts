import { z } from "zod";
import type { CaseScope } from "@/lib/auth/case-scope";
import { recordCaseUpdate } from "@/lib/audit/record-case-update";
import { can } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const ZExecutiveSummary = z.string().max(20_000, "The executive summary is at most 20,000 characters.");

/** The case report's executive summary, written by the lead ("case:update"); plain text, rendered escaped. */
export async function setExecutiveSummary(scope: CaseScope, text: string): Promise<string> {
  if (!can(scope.role, "case:update")) throw new AppError("NOT_FOUND");
  const summary = ZExecutiveSummary.parse(text.replace(/\r\n/g, "\n"));
  const { rowCount } = await getPool().query(`UPDATE cases SET executive_summary = $2 WHERE id = $1`, [scope.caseId, summary]);
  if (rowCount !== 1) throw new AppError("NOT_FOUND");
  await recordCaseUpdate(scope, "executive-summary", { length: summary.length });
  return summary;
}

export async function getExecutiveSummary(scope: CaseScope): Promise<string> {
  const { rows } = await getPool().query<{ s: string }>(`SELECT executive_summary AS s FROM cases WHERE id = $1`, [scope.caseId]);
  if (!rows[0]) throw new AppError("NOT_FOUND");
  return rows[0].s;
}
