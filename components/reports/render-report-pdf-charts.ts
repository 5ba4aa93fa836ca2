import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DeniedHeatmapSvg } from "@/components/charts/denied-heatmap-svg";
import { TimelineSvg } from "@/components/charts/timeline-svg";
import { LineageGraphSvg } from "@/components/lineage/lineage-graph";
import { layoutLineageGraph } from "@/lib/lineage/lineage-graph-layout";
import type { ReportSnapshot } from "@/lib/reports/report-types";

export type ReportPdfCharts = {
  timeline: string;
  heatmap: string;
  /** One graph per compromised credential with a lineage, in the snapshot's order, with its size in SVG pixels. */
  lineages: { accessKeyId: string; svg: string; width: number; height: number }[];
};

/**
 * The report's charts as SVG markup for the PDF: the same static components as the HTML report
 * (TimelineSvg, DeniedHeatmapSvg, LineageGraphSvg) rendered by React, so every CloudTrail string in
 * them is escaped text. Their links are removed: svg-to-pdfkit would turn each `<a href>` into a PDF
 * link annotation, and a report must carry no link built from the data (the hrefs hold CloudTrail
 * values; the app's relative paths mean nothing in a file anyway).
 */
export function reportPdfCharts(s: ReportSnapshot): ReportPdfCharts {
  const timeline = renderToStaticMarkup(createElement(TimelineSvg, { timeline: s.timeline, title: `Timeline of case ${s.case.name}`, id: "pdf-timeline" }));
  const heatmap = renderToStaticMarkup(createElement(DeniedHeatmapSvg, { heatmap: s.deniedHeatmap, caseTitle: s.case.name, id: "pdf-heatmap" }));
  const lineages = s.compromisedCredentials.flatMap((c, i) => {
    if (c.lineage === null) return [];
    const layout = layoutLineageGraph(c.lineage);
    const svg = renderToStaticMarkup(createElement(LineageGraphSvg, { layout, nodeHref: () => "", id: `pdf-lineage-${i}` }));
    return [{ accessKeyId: c.accessKeyId, svg, width: layout.width, height: layout.height }];
  });
  return { timeline: withoutLinks(timeline), heatmap: withoutLinks(heatmap), lineages: lineages.map((l) => ({ ...l, svg: withoutLinks(l.svg) })) };
}

/**
 * `<a …>` → `<g>`, `</a>` → `</g>`, and no `href` attribute left. Safe on React's output: text and
 * attribute values are escaped (`<` is `&lt;`, `"` is `&quot;`), so these patterns only match markup.
 */
export function withoutLinks(svg: string): string {
  return svg
    .replace(/<a\b[^>]*>/g, "<g>")
    .replace(/<\/a>/g, "</g>")
    .replace(/\s(?:xlink:)?href="[^"]*"/g, "");
}
