/**
 * The HTML report's only stylesheet, inlined in a <style> element (the document's CSP allows inline
 * styles and nothing else). Screen: a centred column; print: A4, 10.5 pt text, each major part on a new
 * page, tables and charts kept whole where they fit, table headers repeated on every page. Constant
 * text, never built from data.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 10.5pt; }
body { margin: 0; background: #f2f4f7; color: #14171c; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
main { max-width: 210mm; margin: 16px auto; padding: 14mm 14mm 18mm; background: #ffffff; box-shadow: 0 1px 4px rgba(16, 24, 40, 0.12); }
h1 { font-size: 20pt; margin: 0 0 4pt; line-height: 1.2; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #1f5fbf; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0 6pt; }
.subtitle { color: #5b6472; margin: 0 0 10pt; }
.muted { color: #5b6472; }
.mono, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; }
.seed { display: grid; grid-template-columns: max-content 1fr; gap: 3pt 12pt; margin: 8pt 0 4pt; padding: 8pt 10pt; border: 1pt solid #d0d5dd; border-left: 4pt solid #1f5fbf; background: #f8f9fb; }
.seed > div { display: contents; }
.seed dt { font-weight: 700; }
.seed dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; font-size: 9pt; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: 3pt 4pt; border-bottom: 0.75pt solid #d0d5dd; overflow-wrap: anywhere; }
th { background: #eef2f6; font-weight: 700; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.time { white-space: nowrap; }
table.events { table-layout: fixed; }
table.events td.time { white-space: normal; overflow-wrap: normal; }
table.events .id { font-size: 7.5pt; }
.events .c-time { width: 13%; }
.events .c-call { width: 16%; }
.events .c-who { width: 22%; }
.events .c-ip { width: 12%; }
.events .c-res { width: 22%; }
.events .c-ua { width: 15%; }
tr { break-inside: avoid; page-break-inside: avoid; }
ul { margin: 4pt 0 8pt; padding-left: 16pt; }
li { margin: 2pt 0; }
figure { margin: 6pt 0 12pt; break-inside: avoid; page-break-inside: avoid; }
figcaption { color: #5b6472; font-size: 9pt; margin-top: 3pt; }
svg { max-width: 100%; height: auto; }
.card { border: 1pt solid #d0d5dd; border-radius: 4pt; padding: 6pt 9pt; margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
.card h3 { margin-top: 2pt; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 2pt 0 4pt; font-size: 9.5pt; }
.facts dt { color: #5b6472; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.badge { white-space: nowrap; display: inline-block; padding: 0 5pt; border-radius: 3pt; font-size: 8.5pt; font-weight: 700; letter-spacing: 0.02em; border: 0.75pt solid currentColor; }
.sev-critical, .status-fail { color: #b42318; }
.sev-high { color: #c4320a; }
.sev-medium, .status-unknown { color: #9a6700; }
.sev-low, .sev-info, .status-pass { color: #157347; }
.denied { color: #b42318; font-weight: 600; }
@page { size: A4; margin: 15mm 13mm 16mm; }
@media print {
  html { font-size: 10.5pt; }
  body { background: #ffffff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  section.page { break-before: page; page-break-before: always; }
  h2 { margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
`;
