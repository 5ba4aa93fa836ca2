// The PDF report (components/reports/render-report-pdf.ts) rendered from the shared fixture and read back
// with poppler's pdftotext / pdfinfo, as a reader's tools see it. (Vitest runs lib/** only, so the
// component's test lives here.) Needs poppler-utils: `apt-get install -y poppler-utils`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutLinks } from "@/components/reports/render-report-pdf-charts";
import { renderReportPdf } from "@/components/reports/render-report-pdf";
import { EVENTS, HOSTILE, sampleReportSnapshot } from "@/lib/reports/__fixtures__/sample-report-snapshot";
import { mapStrings, pdfPrintableText } from "@/lib/reports/pdf-printable-text";
import type { ReportSnapshot } from "@/lib/reports/report-types";

const dir = mkdtempSync(path.join(os.tmpdir(), "report-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function poppler(tool: "pdftotext" | "pdfinfo", args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    throw err;
  }
}

function write(name: string, pdf: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

const pageCount = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(poppler("pdfinfo", [file]))?.[1]);

describe("renderReportPdf", () => {
  let pdf: Buffer;
  let file: string;
  let text: string;
  beforeAll(async () => {
    pdf = await renderReportPdf(sampleReportSnapshot);
    file = write("sample.pdf", pdf);
    // pdftotext starts each page after the first with a form feed.
    text = poppler("pdftotext", ["-layout", file, "-"]).replaceAll("\f", "");
  }, 60_000);

  it("is an A4 PDF of several pages, each footed 'AWS-IR-… · page N of M'", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const info = poppler("pdfinfo", [file]);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+Forensic Report: AWS-IR-20240302-002$/m);
    expect(info).toMatch(/^CreationDate:\s+Sat Mar {2}2 09:30:00 2024 UTC$/m);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    const footers = [...text.matchAll(/AWS-IR-20240302-002 · page (\d+) of (\d+)/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(footers).toEqual(Array.from({ length: pages }, (_, i) => `${i + 1}/${pages}`));
  });

  it("opens with the seed's block: identifier, account, timeframe, keys, count, IPs, actions, data, persistence", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe("Forensic Report: AWS-IR-20240302-002");
    // A value, continuation lines (indented to the value column) included: wrapped at a space, or after a hyphen.
    const value = (label: string) => {
      const i = lines.findIndex((l) => l.startsWith(`${label}:`));
      if (i < 0) return undefined;
      let out = lines[i]!.slice(label.length + 1).trim();
      for (let j = i + 1; j < lines.length && /^ {20,}\S/.test(lines[j]!); j++) out += (out.endsWith("-") ? "" : " ") + lines[j]!.trim();
      return out;
    };
    expect(value("Account")).toBe("111122223333, 444455556666");
    expect(value("Timeframe")).toBe("2024-02-27 03:14:07 UTC to 2024-02-27 03:40:00 UTC");
    expect(value("Compromised Credentials")).toBe("AKIAEXAMPLELEAKED001, ASIAEXAMPLEATTACK002, AKIAEXAMPLEPERSIST03");
    expect(value("Suspicious Events")).toBe("9");
    expect(value("Source IPs")).toBe("203.0.113.7, 198.51.100.23");
    expect(value("Actions Taken")).toBe(
      "GetCallerIdentity, ListBuckets, ListUsers (AccessDenied), CreateUser, CreateAccessKey, AssumeRole, GetObject, GetSecretValue, StopLogging",
    );
    expect(value("Data Accessed")).toBe(
      `arn:aws:s3:::${HOSTILE.hyperlink} (GetObject), arn:aws:s3:::${HOSTILE.hyperlink}/customers|export_*[1]*.csv (GetObject), ` +
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:+cmd-prod-db (GetSecretValue)",
    );
    expect(value("Persistence Mechanisms")).toBe(
      `arn:aws:iam::111122223333:user/${HOSTILE.script} (CreateUser), arn:aws:iam::111122223333:user/${HOSTILE.script} (CreateAccessKey)`,
    );
  });

  it("has the sections in the HTML report's order", () => {
    // The HTML report's section headings, in its order.
    const headings = [
      "Account", "Timeframe", "Compromised Credentials", "Suspicious Events", "Source IPs", "Actions Taken", "Data Accessed", "Persistence Mechanisms",
      "Executive Summary", "Confirmed Findings", "Bookmarks", "Timeline", "Denied Calls", "Integrity and Coverage", "What the Evidence Cannot Show", "Appendix",
    ];
    const at = headings.map((h) => text.search(new RegExp(`^${h.replace(/[()&]/g, "\\$&")}$`, "m")));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("states the findings, the checklist statuses and the source IPs' context", () => {
    expect(text).toMatch(/^HIGH\s+IAM user created with an access key$/m);
    expect(text).toMatch(/^CRITICAL\s+CloudTrail logging stopped$/m);
    expect(text).toMatch(/Rule:\s+sigma-5f2a1c3e \(Sigma rule\); author: <script>alert\(1\)<\/script> \(SigmaHQ\)/);
    expect(text).toMatch(/ATT&CK:\s+T1562\.008 [^\n]*— tactics: Defense Evasion/);
    const statuses = [...text.matchAll(/^\s*(PASS|FAIL|UNKNOWN)\s+(\S.*?)\s{2,}/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(statuses).toEqual([
      "FAIL Logging tamper events checked", "UNKNOWN Digests validated", "PASS All regions covered", "UNKNOWN Organization-wide coverage",
      "PASS Data events present", "PASS AccessDenied reviewed", "PASS Temporary-key lineage resolved",
    ]);
    expect(text).toMatch(/^\s*203\.0\.113\.7\s+7\s+NL\s+AS64500 Bulletproof <img src=x onerror=alert\(1\)>\s+no$/m);
  });

  it("prints hostile values as literal text, hidden characters as [U+XXXX], and non-Latin-1 text it can draw as is", () => {
    expect(text).toMatch(/Triage note:\s+Backdoor user\. See javascript:alert\(1\) and <img src=x onerror=alert\(1\)>/);
    expect(text).toMatch(/Reason:\s+GetObject on =HYPERLINK\("http:\/\/evil","x"\) and GetSecretValue \+cmd-prod-db/);
    expect(text).toMatch(/Reason:\s+-1\+2 three discovery calls within 2 minutes, one denied/);
    expect(text).toMatch(/Triage note:\s+@SUM\(1\+1\)/);
    expect(text).toMatch(/Triage note:\s+\[U\+0009\]powershell -enc AAAA\n\s+\[U\+000D\]cr-prefixed/);
    expect(text).toMatch(/Confirmed by:\s+\[U\+904B\]\[U\+7528\] analyst, 2024-03-01 16:07:30 UTC/);
    expect(text).toMatch(/^\s*Exfil → attacker bucket… <script>alert\(1\)<\/script>$/m);
    expect(text).toContain(`The user name is hostile: ${HOSTILE.script} and so is this [link](${HOSTILE.jsUrl}) | pipe *star* _under_`);
    expect(text).toMatch(/^`tick` <b>bold<\/b>\.$/m);
    expect(text).toMatch(/Note:\s+Object read from 198\.51\.100\.23\. \[click me\]\(javascript:alert\(1\)\) <img src=x onerror=alert\(1\)>/);
  });

  it("has no link, action or script anywhere in the file", () => {
    const raw = pdf.toString("latin1");
    for (const name of ["/Annots", "/URI", "/Link", "/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA", "/SubmitForm", "/EmbeddedFile"]) {
      expect(raw.includes(`${name} `) || raw.includes(`${name}(`) || raw.includes(`${name}<`) || raw.includes(`${name}/`), name).toBe(false);
    }
  });

  it("is byte-identical for the same snapshot, a copy of it, and after other renders", async () => {
    const again = await renderReportPdf(structuredClone(sampleReportSnapshot));
    expect(again.equals(pdf)).toBe(true);
    const other = await renderReportPdf({ ...sampleReportSnapshot, identifier: "AWS-IR-20240302-003", generatedAt: "2024-03-02T10:00:00.000Z" });
    expect(other.equals(pdf)).toBe(false);
    expect((await renderReportPdf(sampleReportSnapshot)).equals(pdf)).toBe(true);
    expect(poppler("pdfinfo", [write("other.pdf", other)])).toMatch(/^CreationDate:\s+Sat Mar {2}2 10:00:00 2024 UTC$/m);
  }, 60_000);

  it("never clips: an event row is bounded with a count of what it leaves out, long notes flow over pages", async () => {
    const s = sampleReportSnapshot;
    const long = Array.from({ length: 1_500 }, (_, i) => `w${i}`).join(" ");
    const huge = { ...EVENTS.getObject, userAgent: "U".repeat(6_000), resources: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket/object-${i}`) };
    const tallFile = write("tall.pdf", await renderReportPdf({
      ...s, dataAccessed: [huge], confirmedFindings: s.confirmedFindings.map((f) => ({ ...f, note: long })), bookmarks: s.bookmarks.map((b) => ({ ...b, note: long })),
    }));
    const out = poppler("pdftotext", [tallFile, "-"]).replace(/\s+/g, " ");
    expect(out).toContain("arn:aws:s3:::bucket/object-0 ");
    expect(out).toContain("… 273 more resources");
    expect(out).toContain("U… (5,400 more characters)");
    expect(out.replaceAll(" ", "")).toContain(`…273moreresources${"U".repeat(600)}…(5,400morecharacters)`);
    expect(out.split("w1499 ").length - 1).toBe(6);
    expect(out.split("w1498 w1499").length - 1).toBe(6);
  }, 60_000);

  it("renders a case with nothing confirmed, no bookmarks and empty charts", async () => {
    const s = sampleReportSnapshot;
    const empty: ReportSnapshot = {
      ...s,
      executiveSummary: "",
      compromisedCredentials: [], sourceIps: [], actionsByTactic: [], dataAccessed: [], persistence: [], confirmedFindings: [], bookmarks: [],
      timeline: { ...s.timeline, from: null, to: null, bins: [], total: 0, markers: [] },
      deniedHeatmap: { ...s.deniedHeatmap, rows: [], columns: [], counts: [], hrefs: [], max: 0, totalDenied: 0 },
      limitations: [],
    };
    const emptyFile = write("empty.pdf", await renderReportPdf(empty));
    const out = poppler("pdftotext", ["-layout", emptyFile, "-"]).replaceAll("\f", "");
    expect(out).toMatch(/Suspicious Events:\s+0\n/);
    expect(out).toMatch(/Compromised Credentials:\s+none found\n/);
    expect(out).toContain("No executive summary has been written for this case.");
    expect(out).toContain("No dated events to draw.");
    expect(out).toContain("No denied calls in this range.");
    expect(pageCount(emptyFile)).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

describe("pdfPrintableText", () => {
  const latinOnly = (cp: number) => cp < 0x250 || cp === 0x2026 || cp === 0x2192;
  it("keeps what the font draws and line breaks, and writes hidden or undrawable code points as [U+XXXX]", () => {
    expect(pdfPrintableText("a\r\nb\nc", latinOnly)).toBe("a\nb\nc");
    expect(pdfPrintableText("\tx\ry\u0000\u007f\u0085", latinOnly)).toBe("[U+0009]x[U+000D]y[U+0000][U+007F][U+0085]");
    expect(pdfPrintableText("evil\u202Etxt.exe\u200B", latinOnly)).toBe("evil[U+202E]txt.exe[U+200B]");
    expect(pdfPrintableText("運用 … → 😀", latinOnly)).toBe("[U+904B][U+7528] … → [U+1F600]");
    expect(pdfPrintableText("\uD800 lone", latinOnly)).toBe("[U+D800] lone");
    expect(pdfPrintableText(HOSTILE.hyperlink, latinOnly)).toBe(HOSTILE.hyperlink);
  });

  it("maps every string of a snapshot, record keys included", () => {
    const mapped = mapStrings(sampleReportSnapshot, (t) => t.replaceAll("EXAMPLE", "x"));
    expect(mapped.identifier).toBe("AWS-IR-20240302-002");
    expect(mapped.compromisedCredentials.map((c) => c.accessKeyId)).toEqual(["AKIAxLEAKED001", "ASIAxATTACK002", "AKIAxPERSIST03"]);
    expect(mapped.compromisedCredentials[0]!.lineage!.eventCounts).toEqual({ AKIAxLEAKED001: 6, ASIAxATTACK002: 2, AKIAxPERSIST03: 1 });
    expect(mapped.scope.events).toBe(1_241);
    expect(mapped.timeline.bins).toEqual(sampleReportSnapshot.timeline.bins);
    expect(EVENTS.createUser.accessKeyId).toBe("AKIAEXAMPLELEAKED001");
  });
});

describe("withoutLinks", () => {
  it("turns the charts' links into plain groups", () => {
    const svg = `<svg><a href="javascript:alert(1)" aria-label="x &quot;href=&quot;"><text>&lt;a href=&quot;y&quot;&gt;</text></a><g xlink:href="z"></g></svg>`;
    expect(withoutLinks(svg)).toBe(`<svg><g><text>&lt;a href=&quot;y&quot;&gt;</text></g><g></g></svg>`);
  });
});
