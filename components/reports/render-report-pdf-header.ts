import type { Content, TableCell } from "pdfmake/interfaces";
import { CONTENT_WIDTH, eventTable, facts, h1, h2, keep, muted, num, plural, table, utc } from "@/components/reports/render-report-pdf-blocks";
import type { ReportPdfCharts } from "@/components/reports/render-report-pdf-charts";
import type { Lineage } from "@/lib/lineage/lineage-types";
import { byEventTime, type ReportFacts } from "@/lib/reports/report-facts";
import type { ReportSnapshot } from "@/lib/reports/report-types";

/**
 * The report's first part, in the seed's output format: "Forensic Report: AWS-IR-…", then Account,
 * Timeframe, Compromised Credentials, Suspicious Events, Source IPs, Actions Taken, Data Accessed and
 * Persistence Mechanisms as one block (the same lines as every format, from lib/reports/report-facts.ts),
 * then each of them in detail, in that order and under those headings, as the HTML report does: the
 * accounts and regions, the timeframes, the credentials with their lineage graphs, the count of
 * suspicious events, the source IPs, the actions by ATT&CK tactic, the data accessed and the persistence.
 */
export function reportPdfHeader(s: ReportSnapshot, f: ReportFacts, charts: ReportPdfCharts): Content[] {
  const counts = (rows: { value: string; count: number }[]) =>
    rows.map((r): TableCell[] => [{ text: r.value === "" ? "(not recorded)" : r.value, style: "mono" }, num(r.count)]);
  const none = (title: Content, text: string) => keep(title, muted(text));
  return [
    { text: `Forensic Report: ${s.identifier}`, style: "title" },
    { text: `Case ${s.case.name} · generated ${utc(s.generatedAt)} by ${s.generatedBy ?? "unknown"} · all times UTC`, style: "subtitle" },
    facts(f.seedLines.map((l) => [`${l.label}:`, { text: l.value }]), { fontSize: 9, labelWidth: 150 }),
    s.scope.accounts.length === 0
      ? none(h1("Account"), "None recorded.")
      : table(["AWS account (recipientAccountId)", "Events"], [400, 100], counts(s.scope.accounts), { title: h1("Account") }),
    s.scope.regions.length === 0 ? none(h2("Regions"), "None recorded.") : table(["Region", "Events"], [400, 100], counts(s.scope.regions), { title: h2("Regions") }),
    facts(
      [
        ["Attacker activity:", { text: f.timeframe.basis === "attacker" ? `${utc(f.timeframe.start)} to ${utc(f.timeframe.end)} (first and last event of the confirmed findings)` : "No confirmed finding has dated events." }],
        ["Evidence:", { text: `${utc(s.scope.first)} to ${utc(s.scope.last)} (${plural(s.scope.events, "event")})` }],
        ["Incident window:", { text: s.case.windowStart === null && s.case.windowEnd === null ? "not set" : `${s.case.windowStart ? utc(s.case.windowStart) : "(open)"} to ${s.case.windowEnd ? utc(s.case.windowEnd) : "(open)"}` }],
      ],
      { title: h1("Timeframe") },
    ),
    ...credentials(s, charts),
    keep(
      h1("Suspicious Events"),
      {
        text: [
          { text: num(f.actions.length), bold: true },
          ` distinct ${f.actions.length === 1 ? "event" : "events"} in ${plural(s.confirmedFindings.length, "confirmed finding")} (${plural(s.openFindingsCount, "finding")} not triaged yet, not counted).`,
        ],
        margin: [0, 0, 0, 4],
      },
      ...(s.confirmedFindings.length > 0 ? [{ ul: s.confirmedFindings.map((x) => ({ text: `${x.title}: ${plural(x.eventCount, "event")}` })), margin: [0, 0, 0, 6] } satisfies Content] : []),
    ),
    s.sourceIps.length === 0
      ? none(h1("Source IPs"), "No source IP in the confirmed findings' events.")
      : table(
          ["Source IP", "Events", "Country", "Network (AS)", "Trusted network"],
          [110, 45, 50, 200, 70],
          s.sourceIps.map((ip): TableCell[] => [
            { text: ip.ip, style: "mono" },
            num(ip.events),
            ip.country ?? "—",
            ip.asn === null ? (ip.asOrg ?? "—") : `AS${ip.asn}${ip.asOrg ? ` ${ip.asOrg}` : ""}`,
            ip.trusted === null ? "not configured" : ip.trusted ? "yes" : "no",
          ]),
          { title: h1("Source IPs") },
        ),
    ...(s.actionsByTactic.length === 0
      ? [none(h1("Actions Taken"), "None: no confirmed finding.")]
      : s.actionsByTactic.map((group, i) => {
          const heading = h2(`${group.tacticName} — ${plural(group.events.length, "event")}`);
          return eventTable([...group.events].sort(byEventTime), { title: i === 0 ? { stack: [h1("Actions Taken"), heading] } : heading });
        })),
    eventTable([...s.dataAccessed].sort(byEventTime), { title: h1("Data Accessed") }),
    eventTable([...s.persistence].sort(byEventTime), { title: h1("Persistence Mechanisms") }),
  ];
}

function credentials(s: ReportSnapshot, charts: ReportPdfCharts): Content[] {
  const title = h1("Compromised Credentials");
  if (s.compromisedCredentials.length === 0) return [keep(title, muted("None: no confirmed finding's event carries an access key."))];
  const rows = s.compromisedCredentials.map((c): TableCell[] => [
    { text: c.accessKeyId, style: "mono" },
    { text: c.principal ?? "—", style: "mono" },
    num(c.events),
    c.lineage === null ? { text: "not traced", style: "muted" } : origin(c.lineage),
    c.lineage === null ? "—" : issuedBy(c.lineage),
  ]);
  const caption = muted("Each graph: the origin at the left, each issuing call an edge to the key it issued; circle area grows with the key's events.");
  // Each graph with its heading (the first with the caption) on one page, drawn at 0.75 pt per SVG pixel at most.
  const graphs = charts.lineages.map(({ accessKeyId, svg, width, height }, i): Content => ({
    unbreakable: true,
    stack: [...(i === 0 ? [caption] : []), h2(`Lineage of ${accessKeyId}`), { svg, fit: [Math.min(CONTENT_WIDTH, width * 0.75), Math.min(LINEAGE_MAX_HEIGHT, height * 0.75)], margin: [0, 0, 0, 8] }],
  }));
  return [table(["Access key", "Principal", "Events", "Origin", "Issued by"], [95, 150, 40, 110, 110], rows, { title }), ...graphs];
}

const LINEAGE_MAX_HEIGHT = 560;

const ORIGIN_KIND: Record<Lineage["origin"]["kind"], string> = {
  "long-term-key": "long-term key",
  root: "root",
  console: "console sign-in",
  "aws-service": "AWS service",
  "not-in-evidence": "not in evidence",
};

function origin(l: Lineage): TableCell {
  const o = l.origin;
  return {
    stack: [
      { text: `${ORIGIN_KIND[o.kind]}${o.stoppedBy ? ` (walk stopped: ${o.stoppedBy})` : ""}` },
      ...(o.accessKeyId && o.accessKeyId !== l.key ? [{ text: o.accessKeyId, style: "mono" }] : []),
      ...(o.arn ? [{ text: o.arn, style: ["mono", "muted"] }] : []),
    ],
  };
}

function issuedBy(l: Lineage): TableCell {
  const derived = l.derived.length > 0 ? [{ text: `${plural(l.derived.length, "key")} issued with it`, style: "muted" }] : [];
  if (l.issued === null) {
    const longTerm = l.origin.kind === "long-term-key" && l.origin.accessKeyId === l.key;
    return { stack: [{ text: longTerm ? "— (long-term key)" : "no issuing event in the evidence", style: "muted" }, ...derived] };
  }
  return {
    stack: [
      { text: `${l.issued.eventName ?? "(no eventName)"} at ${utc(l.issued.eventTime)}` },
      ...(l.issued.callerAccessKeyId ? [{ text: `with ${l.issued.callerAccessKeyId}`, style: "mono" }] : []),
      ...derived,
    ],
  };
}
