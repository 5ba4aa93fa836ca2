import type { Content } from "pdfmake/interfaces";
import { eventTable, facts, h1, h2, keep, muted, plural, prose, utc } from "@/components/reports/render-report-pdf-blocks";
import { ATTACK_TACTICS, ATTACK_TECHNIQUES } from "@/lib/detections/attack";
import type { ReportFinding, ReportSnapshot } from "@/lib/reports/report-types";

/** The executive summary (the lead's own words), the confirmed findings and the bookmarks. */
export function reportPdfFindings(s: ReportSnapshot): Content[] {
  const findingsLead = [
    h1("Confirmed Findings"),
    muted(
      `${plural(s.confirmedFindings.length, "finding")} confirmed by the case's analysts; ${plural(s.openFindingsCount, "open finding")} not yet triaged ${
        s.openFindingsCount === 1 ? "is" : "are"
      } not reported.`,
    ),
  ];
  const bookmarks = s.bookmarks.flatMap((b): Content[] => [
    facts(
      [
        ["Author:", { text: b.author ?? "—" }],
        ["Created:", { text: utc(b.createdAt) }],
        ["Saved view:", { text: b.view, style: "mono" }],
        ["Note:", { text: b.note.trim() === "" ? "—" : b.note }],
      ],
      { labelWidth: 80, fontSize: 8, title: h2(b.title) },
    ),
    eventTable(b.pinned, { title: { text: `Pinned events (${b.pinned.length})`, style: "h3" } }),
  ]);
  return [
    h1("Executive Summary", { pageBreak: true }),
    ...(s.executiveSummary.trim() === ""
      ? [muted("No executive summary has been written for this case.")]
      : s.executiveSummary.split(/\n\s*\n/).map((p) => prose(p.trim()))),
    ...withLead(findingsLead, s.confirmedFindings.map(finding), s.confirmedFindings[0] === undefined || isShort(findingTexts(s.confirmedFindings[0]))),
    ...withLead([h1("Bookmarks")], bookmarks, s.bookmarks[0] === undefined || isShort([s.bookmarks[0].title, s.bookmarks[0].note, s.bookmarks[0].view])),
  ];
}

/** A section's heading (and intro) kept with its first block when that block is short enough to move with it. */
function withLead(lead: Content[], blocks: Content[], firstIsShort: boolean): Content[] {
  const [first, ...rest] = blocks;
  if (first === undefined) return [keep(...lead, muted("None."))];
  return firstIsShort ? [keep(...lead, first), ...rest] : [keep(...lead), first, ...rest];
}

/** Text of ordinary length (a block of it fits on a page with room to spare). */
function isShort(texts: (string | null)[]): boolean {
  return texts.reduce((n, t) => n + (t?.length ?? 0), 0) < 1_500;
}

function findingTexts(f: ReportFinding): (string | null)[] {
  return [f.title, f.reason, f.note, f.principal, f.ruleAuthor];
}

const SEVERITY_COLOUR: Record<string, string> = { critical: "#912018", high: "#b42318", medium: "#9a6700", low: "#175cd3" };

function tacticName(slug: string): string {
  return ATTACK_TACTICS.find((t) => t.slug === slug)?.name ?? slug;
}

function finding(f: ReportFinding): Content {
  const techniques = f.attack.map((id) => (ATTACK_TECHNIQUES[id] ? `${id} ${ATTACK_TECHNIQUES[id].name}` : id));
  const title: Content = {
    text: [
      { text: `${f.severity.toUpperCase()}  `, bold: true, color: SEVERITY_COLOUR[f.severity.toLowerCase()] ?? "#5b6472" },
      { text: f.title, bold: true },
    ],
    fontSize: 10,
    margin: [0, 4, 0, 2],
  };
  const table = facts(
    [
      ["Rule:", { text: `${f.ruleId} (${f.source === "sigma" ? "Sigma rule" : "built-in rule"})${f.ruleAuthor ? `; author: ${f.ruleAuthor}` : ""}` }],
      ["ATT&CK:", { text: `${techniques.join("; ") || "—"}${f.tactics.length ? ` — tactics: ${f.tactics.map(tacticName).join(", ")}` : ""}` }],
      ["Principal:", { text: f.principal || "—", style: "mono" }],
      ["Events:", { text: `${plural(f.eventCount, "event")}, ${utc(f.firstAt)} to ${utc(f.lastAt)}${f.failedAttempt ? " — failed attempt (denied)" : ""}` }],
      ["Reason:", { text: f.reason || "—" }],
      ["Triage note:", { text: f.note.trim() === "" ? "—" : f.note }],
      ["Confirmed by:", { text: f.triagedBy ? `${f.triagedBy}, ${utc(f.triagedAt)}` : "—" }],
      ["Finding:", { text: f.id, style: ["mono", "muted"] }],
    ],
    { labelWidth: 80, fontSize: 8, title },
  );
  // A finding of ordinary length stays on one page; a very long one (notes can be pages) flows, its title repeated.
  return isShort(findingTexts(f)) ? keep(table) : table;
}
