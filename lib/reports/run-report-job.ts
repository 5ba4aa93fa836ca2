import type { z } from "zod";
import { REPORT_RENDERERS } from "@/components/reports/report-renderers";
import { resolveCaseScope } from "@/lib/auth/case-scope";
import { log } from "@/lib/log";
import { createReport } from "@/lib/reports/create-report";
import type { REPORT_JOB } from "@/lib/reports/report-job";

/**
 * The worker's handler for REPORT_JOB: the requester's access is checked again now (membership may have
 * changed since the export was queued), then the report is exported as them. lib imports
 * components/reports here because the renderers draw the chart components (the worker is plain Node).
 */
export async function runReportJob(payload: z.infer<typeof REPORT_JOB.payload>): Promise<void> {
  const scope = await resolveCaseScope(payload.userId, payload.caseId, "events:read");
  const report = await createReport(scope, payload.format, REPORT_RENDERERS);
  log.info("report exported", { caseId: payload.caseId, identifier: report.identifier, format: report.format, size: report.size });
}
