import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { describeTimeline, formatBarRange } from "@/lib/charts/timeline-labels";
import { TOP_DIMENSIONS } from "@/lib/dashboard/case-dashboard-types";
import { ATTACK_TECHNIQUES } from "@/lib/detections/attack";
import { formatUtc } from "@/lib/format/format-utc";
import type { Lineage } from "@/lib/lineage/lineage-types";
import { markdownCell as c, markdownProse } from "@/lib/reports/markdown-escape";
import { byEventTime, reportFacts } from "@/lib/reports/report-facts";
import type { ReportEvent, ReportSnapshot } from "@/lib/reports/report-types";
import { MARKER_KINDS } from "@/lib/timeline/timeline-types";

const num = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
const utc = (v: string | null | undefined) => formatUtc(v);
const STATUS = { pass: "PASS", fail: "FAIL", unknown: "UNKNOWN" } as const;
const ORIGIN: Record<Lineage["origin"]["kind"], string> = {
  "long-term-key": "long-term access key", root: "root credentials", console: "console sign-in", "aws-service": "AWS service", "not-in-evidence": "not in the evidence",
};
const DIMENSION = { principal: "Principals", key: "Access keys", ip: "Source IPs", userAgent: "User agents" } as const;

/** A GFM table; every cell must already be escaped (markdownCell) or be our own fixed text. */
function table(head: string[], rows: string[][], right: number[] = []): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (right.includes(i) ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

function list(items: string[]): string {
  return items.map((i) => `- ${i}`).join("\n");
}

function events(list: readonly ReportEvent[]): string {
  if (list.length === 0) return "None.";
  return table(
    ["Time (UTC)", "Call", "Error", "Principal", "Access key", "Source IP", "Region", "Resources", "User agent", "Event ID"],
    list.map((e) => [
      utc(e.eventTime), `${c(e.eventName)} (${c(e.eventSource)})`, c(e.errorCode), c(e.principal), c(e.accessKeyId), c(e.sourceIpAddress), c(e.awsRegion),
      e.resources.length === 0 ? "—" : e.resources.map(c).join("<br>"), c(e.userAgent), c(e.eventId),
    ]),
  );
}

/**
 * The case report as GitHub-flavoured Markdown: the same sections in the same order as the HTML report
 * (the seed's header block first). Every CloudTrail and user string is escaped (lib/reports/markdown-escape.ts),
 * so it renders as text: no markup, no table break, and no link — this renderer writes no link at all.
 * The charts are given as tables. Pure and deterministic.
 */
export function renderReportMarkdown(s: ReportSnapshot): string {
  const facts = reportFacts(s);
  const out: string[] = [];
  const h2 = (title: string) => out.push(`## ${title}`);
  const push = (...blocks: string[]) => out.push(...blocks.filter((b) => b !== ""));

  push(`# Forensic Report: ${c(s.identifier)}`, `Case ${c(s.case.name)} · generated ${utc(s.generatedAt)} by ${c(s.generatedBy ?? "unknown")}`);
  push(list(facts.seedLines.map((l) => `**${l.label}:** ${c(l.value)}`)));

  h2("Account");
  push(s.scope.accounts.length === 0 ? "None recorded." : table(["AWS account (recipientAccountId)", "Events"], s.scope.accounts.map((a) => [c(a.value || "(not recorded)"), num(a.count)]), [1]));
  push("### Regions", s.scope.regions.length === 0 ? "None recorded." : table(["Region", "Events"], s.scope.regions.map((r) => [c(r.value || "(not recorded)"), num(r.count)]), [1]));

  h2("Timeframe");
  const window = s.case.windowStart === null && s.case.windowEnd === null ? "not set" : `${s.case.windowStart ? utc(s.case.windowStart) : "(open)"} to ${s.case.windowEnd ? utc(s.case.windowEnd) : "(open)"}`;
  push(
    list([
      `**Attacker activity:** ${facts.timeframe.basis === "attacker" ? `${utc(facts.timeframe.start)} to ${utc(facts.timeframe.end)} (first and last event of the confirmed findings)` : "No confirmed finding has dated events."}`,
      `**Evidence:** ${utc(s.scope.first)} to ${utc(s.scope.last)} (${plural(s.scope.events, "event")})`,
      `**Incident window:** ${window}`,
    ]),
    "All times are UTC, CloudTrail's own clock.",
  );

  h2("Compromised Credentials");
  if (s.compromisedCredentials.length === 0) push("No access key appears in the confirmed findings' events.");
  for (const k of s.compromisedCredentials) {
    const l = k.lineage;
    const lines = [`**Used by:** ${c(k.principal)}`, `**Events:** ${num(k.events)} in the confirmed findings`];
    if (l) {
      lines.push(
        `**Origin:** ${ORIGIN[l.origin.kind]}${l.origin.accessKeyId ? ` ${c(l.origin.accessKeyId)}` : ""}${l.origin.arn ? ` (${c(l.origin.arn)})` : ""}${l.origin.stoppedBy ? ` — trace stopped: ${l.origin.stoppedBy}` : ""}`,
        `**Issued by:** ${l.issued ? `${c(l.issued.eventName)} at ${utc(l.issued.eventTime)} from ${c(l.issued.sourceIPAddress)}, event ${c(l.issued.eventID)}` : "no issuing event in the evidence (or a long-term key)"}`,
        `**Chain from the origin:** ${chainText(l)}`,
        `**Keys issued from it:** ${l.derived.length === 0 ? "none" : l.derived.map((d) => `${c(d.key)} (${c(d.issued.eventName)} at ${utc(d.issued.eventTime)}, ${plural(d.eventCount, "event")})`).join("; ")}`,
      );
    } else lines.push("**Lineage:** not traced");
    push(`### ${c(k.accessKeyId)}`, list(lines));
  }

  h2("Suspicious Events");
  push(
    `**${num(facts.actions.length)}** distinct ${facts.actions.length === 1 ? "event" : "events"} in ${plural(s.confirmedFindings.length, "confirmed finding")} (${plural(s.openFindingsCount, "finding")} not triaged yet, not counted).`,
    list(s.confirmedFindings.map((f) => `${c(f.title)}: ${plural(f.eventCount, "event")}`)),
  );

  h2("Source IPs");
  push(
    s.sourceIps.length === 0
      ? "No source IP in the confirmed findings' events."
      : table(
          ["Source IP", "Events", "Country", "Network (ASN)", "Trusted network"],
          s.sourceIps.map((ip) => [c(ip.ip), num(ip.events), c(ip.country), ip.asn === null ? c(ip.asOrg) : `AS${ip.asn}${ip.asOrg ? ` ${c(ip.asOrg)}` : ""}`, ip.trusted === null ? "not configured" : ip.trusted ? "yes" : "no"]),
          [1],
        ),
  );

  h2("Actions Taken");
  push("The confirmed findings' events by ATT&CK tactic, oldest first in each tactic. Times are UTC.");
  if (s.actionsByTactic.length === 0) push("No confirmed finding yet: nothing is asserted about the attacker's actions.");
  for (const g of s.actionsByTactic) push(`### ${c(g.tacticName)} (${plural(g.events.length, "event")})`, events([...g.events].sort(byEventTime)));
  h2("Data Accessed");
  push(s.dataAccessed.length === 0 ? "No data read among the confirmed findings' events (data events may be absent: see the integrity checklist)." : events([...s.dataAccessed].sort(byEventTime)));
  h2("Persistence Mechanisms");
  push(s.persistence.length === 0 ? "No persistence among the confirmed findings' events." : events([...s.persistence].sort(byEventTime)));

  h2("Executive Summary");
  push(s.executiveSummary.trim() === "" ? "The case lead has not written an executive summary." : markdownProse(s.executiveSummary));

  h2("Confirmed Findings");
  push(`${plural(s.confirmedFindings.length, "finding")} confirmed by triage; ${plural(s.openFindingsCount, "finding")} still open (not in this report).`);
  for (const f of s.confirmedFindings) {
    push(
      `### [${c(f.severity.toUpperCase())}] ${c(f.title)}`,
      list([
        `**Rule:** ${c(f.ruleId)} ${f.source === "sigma" ? `(Sigma rule${f.ruleAuthor ? ` by ${c(f.ruleAuthor)}` : ""})` : "(built-in rule)"}`,
        `**ATT&CK:** ${f.attack.length === 0 ? "—" : f.attack.map((t) => c(ATTACK_TECHNIQUES[t] ? `${t} ${ATTACK_TECHNIQUES[t].name}` : t)).join("; ")}`,
        `**Principal:** ${c(f.principal)}`,
        `**Events:** ${plural(f.eventCount, "event")}, ${utc(f.firstAt)} to ${utc(f.lastAt)}${f.failedAttempt ? " — failed attempt (the calls were denied)" : ""}`,
        `**Reason:** ${c(f.reason)}`,
        `**Confirmed:** by ${c(f.triagedBy ?? "unknown")}${f.triagedAt ? `, ${utc(f.triagedAt)}` : ""}`,
      ]),
      "**Triage note:**",
      f.note.trim() === "" ? "—" : markdownProse(f.note),
    );
  }

  h2("Bookmarks");
  if (s.bookmarks.length === 0) push("No bookmark.");
  for (const b of s.bookmarks) {
    push(`### ${c(b.title || "(untitled bookmark)")}`, `By ${c(b.author ?? "unknown")}, ${utc(b.createdAt)}. Saved view: ${c(b.view)}`);
    push(b.note.trim() === "" ? "No note." : markdownProse(b.note), b.pinned.length === 0 ? "" : `Pinned events (${b.pinned.length}):`, b.pinned.length === 0 ? "" : events(b.pinned));
  }

  timelineAndDenied(s, h2, push);
  integrityAndAppendix(s, h2, push);
  return `${out.join("\n\n")}\n`;
}

type Push = (...blocks: string[]) => void;

/** "AKIA… → AssumeRole (2024-… UTC) → ASIA…": the origin's key, then each issuing call and the key it issued. */
function chainText(l: Lineage): string {
  if (l.chain.length === 0) return "none (the key is its own origin, or its issuing call is not in the evidence)";
  const hops = [...l.chain].reverse();
  return [c(hops[0]!.callerAccessKeyId ?? "(no key)"), ...hops.map((h) => `${c(h.eventName)} (${utc(h.eventTime)}) → ${c(h.issuedAccessKeyId)}`)].join(" → ");
}

function timelineAndDenied(s: ReportSnapshot, h2: (t: string) => void, push: Push) {
  const t = s.timeline;
  h2("Timeline");
  push(c(describeTimeline(t)));
  const bins = t.bins.filter((b) => CALL_SERIES.some((k) => b[k] > 0));
  if (bins.length > 0) {
    push(table(["Bar (UTC)", ...CALL_SERIES.map((k) => CALL_SERIES_INFO[k].label)], bins.map((b) => [formatBarRange(Date.parse(b.start), t.intervalMs), ...CALL_SERIES.map((k) => num(b[k]))]), [1, 2, 3, 4]));
  }
  if (t.markers.length > 0) push(t.markers.map((m, i) => `${i + 1}. ${MARKER_KINDS[m.kind].label}: ${c(m.title)} — ${utc(m.time)}`).join("\n"));
  push(
    "### Calls in the case by kind",
    table(
      [...CALL_SERIES.map((k) => CALL_SERIES_INFO[k].label), "From outside the trusted networks"],
      [[...CALL_SERIES.map((k) => num(s.dashboard.series[k].count)), s.dashboard.untrusted.outsideNetworks === null ? "not configured" : num(s.dashboard.untrusted.outsideNetworks.count)]],
      [0, 1, 2, 3, 4],
    ),
  );

  const d = s.deniedHeatmap;
  h2("Denied Calls");
  push(`${plural(d.totalDenied, "denied call")} (${d.codes.map(c).join(", ")}), ${d.from ? utc(d.from) : "the start"} to ${d.to ? utc(d.to) : "the end"}.`);
  push(
    d.rows.length === 0
      ? "No denied calls."
      : table(
          ["Principal", "Denied calls", "Busiest hour (UTC)", "First denied call"],
          d.rows.map((r) => [c(r.principalKind === "invokedBy" ? `invoked by ${r.principal}` : r.principal || "(no principal ARN)"), num(r.total), r.burstHour ? `${num(r.burst)} at ${utc(r.burstHour)}` : "—", utc(r.first)]),
          [1],
        ),
  );
  if (d.rowsOmitted > 0) push(`${plural(d.rowsOmitted, "more principal")} with denied calls not listed.`);
}

function integrityAndAppendix(s: ReportSnapshot, h2: (t: string) => void, push: Push) {
  const cov = s.coverage;
  h2("Integrity and Coverage");
  push("### Before concluding “no compromise”", table(["Status", "Check", "Evidence"], s.checklist.items.map((i) => [`**${STATUS[i.status]}**`, c(i.title), c(i.evidence)])));
  if (s.checklist.pendingEvents > 0) push(`${plural(s.checklist.pendingEvents, "event")} ingested after the counts were built are not counted yet.`);
  push("### Coverage statement", cov.statements.length === 0 ? "No statement." : list(cov.statements.map(c)));
  if (cov.time.uncovered.length > 0) {
    push(
      `Stretches without any event (${num(cov.time.uncoveredTotal)} in all, ${num(cov.time.uncoveredHours)} hours):`,
      table(["From (UTC)", "To (UTC)", "Hours", "Kind"], cov.time.uncovered.map((u) => [utc(u.start), utc(u.end), num(u.hours), u.kind === "before-first" ? "before the first event" : u.kind === "after-last" ? "after the last event" : "silent hours"]), [2]),
    );
  }
  h2("What the Evidence Cannot Show");
  push(s.limitations.length === 0 ? "No limitation recorded." : list(s.limitations.map(c)));

  h2("Appendix");
  push(
    list([
      `**Report:** ${c(s.identifier)}`,
      `**Case:** ${c(s.case.name)} (${c(s.case.id)})`,
      `**Description:** ${c(s.case.description)}`,
      `**Case time zone:** ${c(s.case.timeZone)} (this report gives every time in UTC)`,
      `**Generated:** ${utc(s.generatedAt)}`,
      `**Author:** ${c(s.generatedBy ?? "unknown")}`,
      `**Schema version:** ${s.schemaVersion}`,
      "**Snapshot:** an immutable export: the workbench lists it with its author, time and SHA-256, and re-downloads it byte-identical.",
    ]),
    "### Most active values in the case",
    table(
      ["Dimension", "By mutating calls", "By denied calls"],
      TOP_DIMENSIONS.map((dim) => {
        const top = s.dashboard.tops[dim];
        const cell = (items: typeof top.byMutating) => (items.length === 0 ? "—" : items.slice(0, 5).map((i) => `${c(i.value || "(not recorded)")} (${num(i.count)})`).join("<br>"));
        return [`${DIMENSION[dim]} (${num(top.distinct)} distinct)`, cell(top.byMutating), cell(top.byDenied)];
      }),
    ),
  );
}
