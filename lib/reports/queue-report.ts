import type { CaseScope } from "@/lib/auth/case-scope";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getProducer } from "@/lib/jobs/queue";
import type { ReportFormat } from "@/lib/reports/create-report";
import { REPORT_JOB } from "@/lib/reports/report-job";

/** Queues a report export by this member (leads and investigators); the worker re-checks access when it runs. */
export async function queueReport(scope: CaseScope, format: ReportFormat): Promise<void> {
  if (!can(scope.role, "reports:read") || !can(scope.role, "events:read") || !scope.userId) throw new AppError("NOT_FOUND");
  const boss = await getProducer();
  await boss.send(REPORT_JOB.name, REPORT_JOB.payload.parse({ caseId: scope.caseId, userId: scope.userId, format }));
}
