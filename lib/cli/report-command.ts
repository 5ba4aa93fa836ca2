import { writeFile } from "node:fs/promises";
import { REPORT_RENDERERS } from "@/components/reports/report-renderers";
import { unsafeOperatorCaseScope } from "@/lib/auth/case-scope";
import { unsafeFindCaseIdByNameOrId } from "@/lib/cases/find-cases-by-name-or-id";
import { createReport, getReportBytes, type ReportFormat, type StoredReport } from "@/lib/reports/create-report";

/**
 * `trailbench report --case C --format F --out FILE`: the same export as the web app's, recorded as a
 * snapshot, written to FILE byte-identical to the stored one. (lib/cli imports the renderers from
 * components/reports: the PDF and HTML reports draw the React chart components.)
 */
export async function reportCommand(opts: { case: string; format: ReportFormat; out: string }): Promise<StoredReport> {
  const scope = await unsafeOperatorCaseScope(await unsafeFindCaseIdByNameOrId(opts.case));
  const report = await createReport(scope, opts.format, REPORT_RENDERERS);
  const { bytes } = await getReportBytes(scope, report.id);
  await writeFile(opts.out, bytes);
  return report;
}
