import { createRequire } from "node:module";
import path from "node:path";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { INK, MUTED, REPORT_PDF_STYLES } from "@/components/reports/render-report-pdf-blocks";
import { reportPdfCharts } from "@/components/reports/render-report-pdf-charts";
import { reportPdfFindings } from "@/components/reports/render-report-pdf-findings";
import { reportPdfFonts } from "@/components/reports/render-report-pdf-fonts";
import { reportPdfHeader } from "@/components/reports/render-report-pdf-header";
import { reportPdfIntegrity } from "@/components/reports/render-report-pdf-integrity";
import { mapStrings, pdfPrintableText } from "@/lib/reports/pdf-printable-text";
import { reportFacts } from "@/lib/reports/report-facts";
import type { ReportSnapshot } from "@/lib/reports/report-types";

// pdfmake's entry point is CommonJS (`module.exports = new pdfmake()`): required, typed by @types/pdfmake.
const pdfmake = createRequire(import.meta.url)("pdfmake") as typeof import("pdfmake");

/**
 * The case report as a PDF (issue #8): A4, pure JavaScript (pdfmake 0.3 on pdfkit, fonts from npm, no
 * browser, no system font), the same sections in the same order as the HTML report: the seed's block
 * ("Forensic Report: AWS-IR-…", Account … Persistence Mechanisms) and its details, the executive
 * summary, confirmed findings, bookmarks, the timeline and denied-call heatmap, the integrity checklist
 * and coverage, the limitations and an appendix. Times are UTC; every page's footer reads
 * "AWS-IR-… · page N of M".
 *
 * Safety: CloudTrail and user strings are plain text nodes (pdfmake has no markup); characters that
 * hide or cannot be drawn are printed as `[U+XXXX]` (lib/reports/pdf-printable-text.ts); the charts
 * carry no links (render-report-pdf-charts.ts) and no node has a `link`, so the file has no link annotation
 * at all; pdfmake may read no URL and no local file but the fonts.
 *
 * Deterministic: the same snapshot gives the same bytes (creation date = snapshot.generatedAt; the
 * file ID and the font subset tags derive from it), so a stored export can be re-rendered and compared.
 */
export async function renderReportPdf(snapshot: ReportSnapshot): Promise<Buffer> {
  const fonts = reportPdfFonts();
  const s = mapStrings(snapshot, (text) => pdfPrintableText(text, fonts.canDraw));
  const f = reportFacts(s);
  const charts = reportPdfCharts(s);
  const generated = new Date(snapshot.generatedAt);
  const created = Number.isNaN(generated.getTime()) ? new Date(0) : generated;
  const content: Content[] = [...reportPdfHeader(s, f, charts), ...reportPdfFindings(s), ...reportPdfIntegrity(s, charts)];
  const doc: TDocumentDefinitions = {
    pageSize: "A4",
    pageMargins: [40, 40, 40, 48],
    info: {
      title: `Forensic Report: ${s.identifier}`,
      subject: "AWS CloudTrail forensic case report",
      author: s.generatedBy ?? undefined,
      creator: "Trailbench",
      producer: "Trailbench (pdfmake)",
      creationDate: created,
      modDate: created,
    },
    defaultStyle: { font: "Sans", fontSize: 9, lineHeight: 1.15, color: INK },
    styles: REPORT_PDF_STYLES,
    footer: (page, pages) => ({ text: `${s.identifier} · page ${page} of ${pages}`, alignment: "center", fontSize: 8, color: MUTED, margin: [40, 18, 40, 0] }),
    content,
  };
  pdfmake.setFonts(fonts.dictionary);
  // Nothing from the network; from the disk, the font files only (the report has no image).
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => fonts.files.has(path.resolve(file)));
  return pdfmake.createPdf(doc).getBuffer();
}
