import { z } from "zod";
import { defineJob } from "@/lib/jobs/job-definition";
import { REPORT_FORMATS } from "@/lib/reports/create-report";

/**
 * Export a case report (lib/reports/create-report.ts) in the worker: the PDF and HTML renderers draw the
 * React chart components with react-dom/server, which Next does not load in server actions or route
 * handlers (the react-server condition), and rendering a large case should not hold a web request.
 * The page queues it and lists the export when it lands.
 */
export const REPORT_JOB = defineJob({
  name: "report",
  version: 1,
  queue: { policy: "standard", retryLimit: 1, retryDelay: 5, expireInSeconds: 15 * 60 },
  payload: z.object({ caseId: z.uuid(), userId: z.uuid(), format: z.enum(REPORT_FORMATS) }),
});
