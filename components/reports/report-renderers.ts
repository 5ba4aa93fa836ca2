import { renderReportHtml } from "@/components/reports/render-report-html";
import { renderReportPdf } from "@/components/reports/render-report-pdf";
import type { ReportRenderers } from "@/lib/reports/create-report";
import { renderReportMarkdown } from "@/lib/reports/render-report-markdown";
import { renderTimelineCsv } from "@/lib/reports/render-timeline-csv";

/**
 * The renderer of each export format (JSON is the snapshot itself, written by createReport). They live
 * here, under components/, because the HTML and PDF reports draw the React chart components; lib/
 * callers (the CLI) take them from this file.
 */
export const REPORT_RENDERERS: ReportRenderers = {
  pdf: renderReportPdf,
  html: renderReportHtml,
  md: renderReportMarkdown,
  csv: renderTimelineCsv,
};
