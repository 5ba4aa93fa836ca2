// The HTML report rendered from the shared fixture (Vitest collects lib/** only, so the test of the
// components/reports renderer lives here). The markup is React's, so it is well-formed: the small
// tokenizer below reads every tag and attribute of it, which is how the security checks look at the
// document a browser would build rather than at substrings.
import { describe, expect, it } from "vitest";
import { REPORT_CSP } from "@/components/reports/report-document";
import { REPORT_CSS } from "@/components/reports/report-styles";
import { renderReportHtml } from "@/components/reports/render-report-html";
import { HOSTILE, sampleReportSnapshot } from "@/lib/reports/__fixtures__/sample-report-snapshot";
import type { ReportSnapshot } from "@/lib/reports/report-types";

type Tag = { name: string; attrs: [string, string][] };

const decode = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

/** Every start tag of the document with its attributes (values decoded), in document order. */
function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = [...m[2]!.matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)].map((a): [string, string] => [a[1]!.toLowerCase(), decode(a[2] ?? "")]);
    out.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return out;
}

/** The text of the document without its tags, decoded (what a reader sees, style and all). */
function text(html: string): string {
  return decode(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ");
}

const html = renderReportHtml(sampleReportSnapshot);
const all = tags(html);

const ALLOWED_TAGS = new Set([
  "html", "head", "meta", "title", "style", "body", "main", "header", "section", "h1", "h2", "h3", "p", "span", "strong", "br", "dl", "dt", "dd", "div",
  "table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "figure", "figcaption", "time",
  "svg", "g", "rect", "line", "text", "tspan", "path", "circle", "a", "desc",
]);

describe("renderReportHtml", () => {
  it("puts the seed's sections first, then the rest, as exact headings in order", () => {
    const headings = [...html.matchAll(/<h([12])[^>]*>([^<]*)<\/h\1>/g)].map((m) => `${m[1]} ${decode(m[2]!)}`);
    expect(headings).toEqual([
      "1 Forensic Report: AWS-IR-20240302-002",
      "2 Account", "2 Timeframe", "2 Compromised Credentials", "2 Suspicious Events", "2 Source IPs", "2 Actions Taken", "2 Data Accessed", "2 Persistence Mechanisms",
      "2 Executive Summary", "2 Confirmed Findings", "2 Bookmarks", "2 Timeline", "2 Denied Calls", "2 Integrity and Coverage", "2 What the Evidence Cannot Show", "2 Appendix",
    ]);
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charSet=\"utf-8\"/>")).toBe(true);
  });

  it("states the seed's summary lines exactly", () => {
    const seed = html.slice(html.indexOf('<dl class="seed"'), html.indexOf("</dl>", html.indexOf('<dl class="seed"')));
    const pairs = [...seed.matchAll(/<dt>([^<]*)<\/dt><dd[^>]*>([^<]*)<\/dd>/g)].map((m) => [decode(m[1]!), decode(m[2]!)]);
    expect(pairs).toEqual([
      ["Account:", "111122223333, 444455556666"],
      ["Timeframe:", "2024-02-27 03:14:07 UTC to 2024-02-27 03:40:00 UTC"],
      ["Compromised Credentials:", "AKIAEXAMPLELEAKED001, ASIAEXAMPLEATTACK002, AKIAEXAMPLEPERSIST03"],
      ["Suspicious Events:", "9"],
      ["Source IPs:", "203.0.113.7, 198.51.100.23"],
      ["Actions Taken:", "GetCallerIdentity, ListBuckets, ListUsers (AccessDenied), CreateUser, CreateAccessKey, AssumeRole, GetObject, GetSecretValue, StopLogging"],
      ["Data Accessed:", `arn:aws:s3:::${HOSTILE.hyperlink} (GetObject), arn:aws:s3:::${HOSTILE.hyperlink}/customers|export_*[1]*.csv (GetObject), arn:aws:secretsmanager:eu-west-1:111122223333:secret:+cmd-prod-db (GetSecretValue)`],
      ["Persistence Mechanisms:", `arn:aws:iam::111122223333:user/${HOSTILE.script} (CreateUser), arn:aws:iam::111122223333:user/${HOSTILE.script} (CreateAccessKey)`],
    ]);
  });

  it("shows the key facts of each section", () => {
    const t = text(html);
    expect(t).toContain("Attacker activity 2024-02-27 03:14:07 UTC to 2024-02-27 03:40:00 UTC (first and last event of the confirmed findings)");
    expect(t).toContain("Incident window 2024-02-27 00:00:00 UTC to 2024-02-28 00:00:00 UTC");
    expect(t).toContain("9 distinct events in 4 confirmed findings (3 findings not triaged yet, not counted).");
    expect(t).toContain("203.0.113.7 7 NL AS64500 Bulletproof <img src=x onerror=alert(1)> no");
    expect(t).toContain("Persistence (2 events)");
    expect(t).toContain("Privilege Escalation (2 events)");
    expect(t).toContain("Discovery (3 events)");
    expect(t).toContain("HIGH IAM user created with an access key");
    expect(t).toContain("T1136.003 Create Account: Cloud Account; T1098.001 Account Manipulation: Additional Cloud Credentials");
    expect(t).toContain(`sigma-5f2a1c3e (Sigma rule by ${HOSTILE.script} (SigmaHQ))`);
    expect(t).toContain("Confirmed by 運用 analyst, 2024-03-01 16:07:30 UTC");
    expect(t).toContain(`Exfil → attacker bucket… ${HOSTILE.script}`);
    expect(t).toContain("Pinned events (2)");
    expect(t).toContain("Appendix Report AWS-IR-20240302-002");
    expect(t).toContain("Generated 2024-03-02 09:30:00 UTC Author Dana Lead Schema version 1");
    const statuses = [...html.matchAll(/<span class="badge status-(\w+)">(\w+)<\/span><\/td><td>([^<]*)<\/td>/g)].map((m) => `${m[2]} ${m[3]}`);
    expect(statuses).toEqual([
      "FAIL Logging tamper events checked", "UNKNOWN Digests validated", "PASS All regions covered", "UNKNOWN Organization-wide coverage",
      "PASS Data events present", "PASS AccessDenied reviewed", "PASS Temporary-key lineage resolved",
    ]);
    for (const l of sampleReportSnapshot.limitations) expect(t).toContain(l);
  });

  it("draws the timeline, the heatmap and one lineage graph per traced key inline", () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/data-testid="timeline-svg"/g)).toHaveLength(1);
    expect(html.match(/data-testid="timeline-svg-marker"/g)).toHaveLength(3);
    expect(html.match(/data-testid="lineage-graph"/g)).toHaveLength(2);
    expect(html.match(/data-testid="heatmap-cell"/g)).toHaveLength(3);
    // Heatmap cells are not links in the report (their app links are dropped), only row totals are, in-document.
    expect(html.match(/<g role="img" aria-label="[^"]*" data-testid="heatmap-cell"/g)).toHaveLength(3);
  });

  it("renders hostile values only as escaped text: no script, no handler, no foreign element", () => {
    // Every "<" in the document opens a tag React wrote (start, end or the doctype): none comes from data.
    expect(html.match(/</g)).toHaveLength(all.length + (html.match(/<\//g)?.length ?? 0) + 1);
    expect(all.filter((t) => !ALLOWED_TAGS.has(t.name)).map((t) => t.name)).toEqual([]);
    expect(all.flatMap((t) => t.attrs.filter(([n]) => n.startsWith("on")))).toEqual([]);
    expect(all.flatMap((t) => t.attrs.filter(([n]) => ["src", "srcset", "xlink:href", "action", "formaction", "style", "background", "poster"].includes(n)))).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html.split("&lt;script&gt;alert(1)&lt;/script&gt;").length - 1).toBeGreaterThanOrEqual(10);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("[click me](javascript:alert(1))");
    expect(text(html)).toContain(HOSTILE.hyperlink);
  });

  it("links only inside the document and requests nothing from anywhere", () => {
    const hrefs = all.flatMap((t) => t.attrs.filter(([n]) => n === "href").map(([, v]) => v));
    expect(hrefs).toEqual(["#credential-1", "#credential-3", "#credential-2", "#credential-1", "#credential-2", "#denied-principal-1", "#denied-principal-2"]);
    const ids = new Set(all.flatMap((t) => t.attrs.filter(([n]) => n === "id").map(([, v]) => v)));
    for (const h of hrefs) expect(ids.has(h.slice(1)), h).toBe(true);
    // The only URLs in attributes (the CSP aside) are the SVG namespace: no http(s), javascript: or data: anywhere else.
    const urls = all.flatMap((t) => t.attrs.filter(([n, v]) => n !== "content" && /https?:\/\/|javascript:|data:/i.test(v)).map(([n, v]) => `${t.name} ${n}=${v}`));
    expect(urls).toEqual(Array(4).fill("svg xmlns=http://www.w3.org/2000/svg"));
    expect(REPORT_CSS).not.toMatch(/url\(|@import|https?:/);
  });

  it("has the strict CSP first in <head> and the constant stylesheet as the only style", () => {
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    // React puts charset and viewport first; the policy comes before anything that could load or run.
    const head = all.slice(1, all.findIndex((t) => t.name === "body"));
    expect(head.map((t) => `${t.name} ${t.attrs.map(([n, v]) => `${n}=${v}`).join(" ")}`)).toEqual([
      "head ",
      "meta charset=utf-8",
      "meta name=viewport content=width=device-width, initial-scale=1",
      `meta http-equiv=Content-Security-Policy content=${REPORT_CSP}`,
      "meta name=referrer content=no-referrer",
      "title ",
      "style ",
    ]);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(REPORT_CSS).toContain("@page { size: A4;");
    expect(REPORT_CSS).toContain("@media print");
  });

  it("renders the same bytes twice", () => {
    expect(renderReportHtml(structuredClone(sampleReportSnapshot))).toBe(html);
  });

  it("says what is missing in an empty case", () => {
    const empty: ReportSnapshot = {
      ...sampleReportSnapshot,
      executiveSummary: "", compromisedCredentials: [], sourceIps: [], actionsByTactic: [], dataAccessed: [], persistence: [], confirmedFindings: [],
      openFindingsCount: 0, bookmarks: [], limitations: [], scope: { accounts: [], regions: [], first: null, last: null, events: 0 },
      timeline: { ...sampleReportSnapshot.timeline, from: null, to: null, bins: [], total: 0, markers: [] },
      deniedHeatmap: { ...sampleReportSnapshot.deniedHeatmap, rows: [], columns: [], counts: [], hrefs: [], max: 0, totalDenied: 0 },
    };
    const out = renderReportHtml(empty);
    const t = text(out);
    expect(t).toContain("Account: none found Timeframe: no dated events Compromised Credentials: none found Suspicious Events: 0 Source IPs: none found");
    expect(t).toContain("The case lead has not written an executive summary.");
    expect(t).toContain("No confirmed finding yet: nothing is asserted about the attacker's actions.");
    expect(t).toContain("No bookmark.");
    expect(t).toContain("No dated events to draw.");
    expect(t).toContain("No denied calls.");
    expect(tags(out).filter((x) => x.attrs.some(([n]) => n === "href"))).toEqual([]);
  });
});
