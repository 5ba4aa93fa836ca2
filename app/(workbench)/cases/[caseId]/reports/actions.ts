"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { caseAction } from "@/lib/auth/guards";
import { setExecutiveSummary } from "@/lib/cases/set-executive-summary";
import { REPORT_FORMATS } from "@/lib/reports/create-report";
import { queueReport } from "@/lib/reports/queue-report";

// Exports run in the worker (lib/reports/report-job.ts): the page lists the snapshot when it lands.
export const exportReportAction = caseAction(z.object({ caseId: z.string(), format: z.enum(REPORT_FORMATS) }), "events:read", async (scope, input) => {
  await queueReport(scope, input.format);
  return { queued: input.format };
});

export const setExecutiveSummaryAction = caseAction(z.object({ caseId: z.string(), summary: z.string().max(20_100) }), "case:update", async (scope, input) => {
  const summary = await setExecutiveSummary(scope, input.summary);
  revalidatePath(`/cases/${scope.caseId}/reports`);
  return { length: summary.length };
});
