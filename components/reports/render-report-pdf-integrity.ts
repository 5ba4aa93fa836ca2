import type { Content, TableCell } from "pdfmake/interfaces";
import { CONTENT_WIDTH, facts, h1, h2, keep, keepOnNewPage, muted, num, plural, table, utc } from "@/components/reports/render-report-pdf-blocks";
import type { ReportPdfCharts } from "@/components/reports/render-report-pdf-charts";
import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { TOP_DIMENSIONS, type TopItem } from "@/lib/dashboard/case-dashboard-types";
import type { ChecklistStatus } from "@/lib/integrity/no-compromise-checklist-types";
import { REPORT_SCHEMA_VERSION, type ReportSnapshot } from "@/lib/reports/report-types";
import { TIMELINE_INTERVALS } from "@/lib/timeline/timeline-interval";

/** The timeline and the denied-call heatmap, the integrity checklist and coverage, the limitations and the appendix. */
export function reportPdfIntegrity(s: ReportSnapshot, charts: ReportPdfCharts): Content[] {
  const t = s.timeline;
  const interval = TIMELINE_INTERVALS.find((i) => i.id === t.interval)?.label ?? t.interval;
  const h = s.deniedHeatmap;
  return [
    keepOnNewPage(
      h1("Timeline"),
      muted(
        `${plural(t.total, "call")} from ${utc(t.from)} to ${utc(t.to)} in ${interval} bars, by kind of call; numbered lines mark findings, bookmarks and logging changes (key below the axis).` +
          (t.pendingEvents > 0 ? ` ${plural(t.pendingEvents, "event")} ingested since the counts were built ${t.pendingEvents === 1 ? "is" : "are"} not drawn.` : ""),
      ),
      { svg: charts.timeline, width: CONTENT_WIDTH, margin: [0, 0, 0, 10] },
    ),
    keep(
      h1("Denied Calls"),
      muted(`${plural(h.totalDenied, "denied call")} by principal and hour (UTC); error codes counted as denied: ${h.codes.join(", ")}.`),
      { svg: charts.heatmap, fit: [CONTENT_WIDTH, 580], margin: [0, 0, 0, 10] },
    ),
    h1("Integrity and Coverage", { pageBreak: true }),
    table(
      ["Status", "Check", "Evidence"],
      [45, 150, 305],
      s.checklist.items.map((i): TableCell[] => [{ text: i.status.toUpperCase(), bold: true, color: STATUS_COLOUR[i.status] }, { text: i.title, bold: true }, i.evidence]),
      { title: muted("Before concluding \"no compromise\": each item says whether the evidence supports it (pass), contradicts it (fail) or cannot tell (unknown).") },
    ),
    ...(s.checklist.pendingEvents > 0 ? [muted(`${plural(s.checklist.pendingEvents, "event")} committed since the rollups were rebuilt are not counted by the items read from them.`)] : []),
    ...listSection(h2("Coverage"), s.coverage.statements, 8.5),
    ...(s.coverage.time.uncovered.length === 0
      ? []
      : [
          table(
            ["From", "To", "Hours", "Kind"],
            [140, 140, 60, 160],
            s.coverage.time.uncovered.map((u): TableCell[] => [utc(u.start), utc(u.end), num(u.hours), UNCOVERED[u.kind]]),
            { title: h2(`Stretches without any event (${plural(s.coverage.time.uncoveredTotal, "stretch", "stretches")}, ${num(s.coverage.time.uncoveredHours)} hours)`) },
          ),
        ]),
    ...listSection(h1("What the Evidence Cannot Show"), s.limitations, 9),
    h1("Appendix", { pageBreak: true }),
    facts([
      ["Report:", { text: s.identifier }],
      ["Case:", { text: s.case.name }],
      ["Case ID:", { text: s.case.id, style: "mono" }],
      ["Description:", { text: s.case.description.trim() === "" ? "—" : s.case.description }],
      ["Case time zone:", { text: `${s.case.timeZone} (this report uses UTC throughout)` }],
      ["Incident window:", { text: s.case.windowStart || s.case.windowEnd ? `${utc(s.case.windowStart)} to ${utc(s.case.windowEnd)}` : "not set" }],
      ["Generated:", { text: `${utc(s.generatedAt)} by ${s.generatedBy ?? "—"}` }],
      ["Schema version:", { text: `${s.schemaVersion} (renderer built for ${REPORT_SCHEMA_VERSION})` }],
      ["Calls by kind:", { text: CALL_SERIES.map((c) => `${CALL_SERIES_INFO[c].label} ${num(s.dashboard.series[c].count)}`).join(" · ") }],
      ["Untrusted sources:", { text: untrusted(s) }],
    ]),
    table(
      ["Dimension", "By mutating calls", "By denied calls", "Distinct"],
      [60, 190, 190, 40],
      TOP_DIMENSIONS.map((d): TableCell[] => {
        const top = s.dashboard.tops[d];
        return [DIMENSION[d], tops(top.byMutating), tops(top.byDenied), num(top.distinct)];
      }),
      { title: h2("Top values (most calls first)") },
    ),
  ];
}

/** A heading over a bulleted list: kept together when the list is of ordinary length, else kept with its first item. */
function listSection(heading: Content, items: string[], fontSize: number): Content[] {
  if (items.length === 0) return [keep(heading, muted("None stated."))];
  const list = (texts: string[]): Content => ({ ul: texts.map((text) => ({ text })), fontSize, margin: [0, 0, 0, 6] });
  if (items.reduce((n, t) => n + t.length, 0) < 2_500) return [keep(heading, list(items))];
  return [keep(heading, list(items.slice(0, 1))), list(items.slice(1))];
}

const STATUS_COLOUR: Record<ChecklistStatus, string> = { pass: "#157347", fail: "#b42318", unknown: "#9a6700" };
const UNCOVERED = { "before-first": "before the first event", "after-last": "after the last event", silent: "silent (whole UTC hours)" } as const;
const DIMENSION = { principal: "Principal", key: "Access key", ip: "Source IP", userAgent: "User agent" } as const;

function tops(items: TopItem[]): TableCell {
  if (items.length === 0) return { text: "—", style: "muted" };
  return { text: items.slice(0, 5).map((i) => `${i.value || "(none)"} (${num(i.count)}${i.country ? `, ${i.country}` : ""})`).join("\n"), style: "mono" };
}

function untrusted(s: ReportSnapshot): string {
  const u = s.dashboard.untrusted;
  const parts = [
    u.outsideNetworks === null ? "trusted networks not configured" : `${plural(u.outsideNetworks.count, "call")} from outside the trusted networks`,
    u.outsideCountries === null ? "expected countries not configured" : `${plural(u.outsideCountries.count, "call")} from outside the expected countries`,
  ];
  const ips = u.ips.slice(0, 10).map((i) => `${i.value} (${num(i.count)}${i.country ? `, ${i.country}` : ""})`);
  return `${parts.join("; ")}${ips.length ? `; IPs: ${ips.join(", ")}` : ""}.`;
}
