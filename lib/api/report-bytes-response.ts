import type { ReportFormat } from "@/lib/reports/create-report";

const TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  json: "application/json",
  csv: "text/csv; charset=utf-8",
};

/**
 * A stored export, byte-identical, as an attachment, for the reports page's download route and the API
 * (an HTML report is sandboxed even if opened inline).
 */
export function reportBytesResponse(report: { identifier: string; format: ReportFormat; sha256: string; bytes: Buffer }): Response {
  return new Response(new Uint8Array(report.bytes), {
    headers: {
      "Content-Type": TYPES[report.format],
      "Content-Disposition": `attachment; filename="${report.identifier}.${report.format}"`,
      "Content-Length": String(report.bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      ETag: `"${report.sha256}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export const REPORT_CONTENT_TYPES = TYPES;
