import { renderToStaticMarkup } from "react-dom/server";
import { ReportDocument } from "@/components/reports/report-document";
import type { ReportSnapshot } from "@/lib/reports/report-types";

/**
 * The case report as a self-contained HTML document (UTF-8 text): inline CSS and SVG, no script, no
 * external request (its CSP forbids both), prints on A4. Pure and deterministic: the same snapshot gives
 * the same bytes. Escaping is React's (renderToStaticMarkup); no value is inserted as raw HTML.
 */
export function renderReportHtml(snapshot: ReportSnapshot): string {
  return `<!DOCTYPE html>\n${renderToStaticMarkup(<ReportDocument snapshot={snapshot} />)}\n`;
}
