// The Markdown report and its escaping, checked the way a reader gets it: rendered to HTML by micromark
// with GFM (tables, autolink literals, strikethrough) and raw HTML allowed — the most permissive
// renderer — then read back. Hostile values must come out as the same characters, as text.
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { HOSTILE, sampleReportSnapshot } from "@/lib/reports/__fixtures__/sample-report-snapshot";
import { escapeMarkdown, markdownCell, markdownProse } from "@/lib/reports/markdown-escape";
import { renderReportMarkdown } from "@/lib/reports/render-report-markdown";

const toHtml = (md: string) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
/** What a reader sees of rendered Markdown: the HTML's text, decoded. */
const seen = (md: string) => decode(toHtml(md).replace(/<[^>]*>/g, "")).trim();

const md = renderReportMarkdown(sampleReportSnapshot);
const html = toHtml(md);

describe("escapeMarkdown", () => {
  it("escapes every character that starts markup, a cell boundary or a link", () => {
    expect(escapeMarkdown("a|b `c` *d* _e_ [f](g) <h> ~i~ $j$ &amp; \\")).toBe("a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\> \\~i\\~ \\$j\\$ \\&amp; \\\\");
    expect(escapeMarkdown("see http://evil.com, WWW.evil.com and a@b.com")).toBe("see http\\://evil.com, WWW\\.evil.com and a\\@b.com");
    expect(escapeMarkdown("nul\0")).toBe("nul\uFFFD");
  });

  it("renders hostile values as exactly their own text, with no element but a paragraph", () => {
    const values = [
      HOSTILE.script, HOSTILE.img, `[x](${HOSTILE.jsUrl})`, `<${HOSTILE.jsUrl}>`, `![i](http://evil/x.png)`, HOSTILE.hyperlink, "http://evil.example/a www.evil.example mail@evil.example",
      "mailto:a@evil.example xmpp:a@evil.example", "**bold** __b__ ~~del~~ `code` ``x``", "&lt;script&gt; &#60;b&#62;", "a | b | c", "\\<b>", "<!-- c --> <?php ?> <![CDATA[x]]>",
    ];
    for (const v of values) {
      const out = toHtml(escapeMarkdown(v));
      expect(out.startsWith("<p>") && out.endsWith("</p>"), v).toBe(true);
      expect(out.slice(3, -4), v).not.toMatch(/<[a-z!?/]/i);
      expect(seen(escapeMarkdown(v)), v).toBe(v);
    }
  });

  it("keeps a table cell one cell, on one line", () => {
    const cell = markdownCell(`a|b\nc\r\nd\re ${HOSTILE.script}`);
    expect(cell).toBe("a\\|b c d e \\<script\\>alert(1)\\</script\\>");
    const out = toHtml(`| x | y |\n| --- | --- |\n| ${cell} | z |\n`);
    expect(out.match(/<td>/g)).toHaveLength(2);
    expect(markdownCell(null)).toBe("—");
    expect(markdownCell("")).toBe("—");
  });

  it("keeps prose from starting blocks: headings, quotes, lists, setext underlines, code", () => {
    const prose = markdownProse("# not a heading\n> not a quote\n- not a list\n+ nor this\n1. nor this\n2) nor this\n===\n    not code\n\n\n\nnext paragraph");
    expect(prose).toBe("\\# not a heading\\\n\\> not a quote\\\n\\- not a list\\\n\\+ nor this\\\n1\\. nor this\\\n2\\) nor this\\\n\\===\\\nnot code\n\nnext paragraph");
    expect(toHtml(prose)).toBe("<p># not a heading<br />\n&gt; not a quote<br />\n- not a list<br />\n+ nor this<br />\n1. nor this<br />\n2) nor this<br />\n===<br />\nnot code</p>\n<p>next paragraph</p>");
  });
});

describe("renderReportMarkdown", () => {
  it("has the HTML report's sections, in the same order", () => {
    expect(md.split("\n").filter((l) => /^#{1,2} /.test(l))).toEqual([
      "# Forensic Report: AWS-IR-20240302-002",
      "## Account", "## Timeframe", "## Compromised Credentials", "## Suspicious Events", "## Source IPs", "## Actions Taken", "## Data Accessed", "## Persistence Mechanisms",
      "## Executive Summary", "## Confirmed Findings", "## Bookmarks", "## Timeline", "## Denied Calls", "## Integrity and Coverage", "## What the Evidence Cannot Show", "## Appendix",
    ]);
  });

  it("starts with the seed's summary lines", () => {
    const summary = html.slice(html.indexOf("<ul>"), html.indexOf("</ul>"));
    expect([...summary.matchAll(/<li><strong>([^<]*)<\/strong> ([^<]*)<\/li>/g)].map((m) => `${m[1]} ${decode(m[2]!)}`)).toEqual([
      "Account: 111122223333, 444455556666",
      "Timeframe: 2024-02-27 03:14:07 UTC to 2024-02-27 03:40:00 UTC",
      "Compromised Credentials: AKIAEXAMPLELEAKED001, ASIAEXAMPLEATTACK002, AKIAEXAMPLEPERSIST03",
      "Suspicious Events: 9",
      "Source IPs: 203.0.113.7, 198.51.100.23",
      "Actions Taken: GetCallerIdentity, ListBuckets, ListUsers (AccessDenied), CreateUser, CreateAccessKey, AssumeRole, GetObject, GetSecretValue, StopLogging",
      `Data Accessed: arn:aws:s3:::${HOSTILE.hyperlink} (GetObject), arn:aws:s3:::${HOSTILE.hyperlink}/customers|export_*[1]*.csv (GetObject), arn:aws:secretsmanager:eu-west-1:111122223333:secret:+cmd-prod-db (GetSecretValue)`,
      `Persistence Mechanisms: arn:aws:iam::111122223333:user/${HOSTILE.script} (CreateUser), arn:aws:iam::111122223333:user/${HOSTILE.script} (CreateAccessKey)`,
    ]);
  });

  it("renders to HTML with no link, no script, no image and no markup from the data", () => {
    const names = new Set([...html.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]));
    expect([...names].sort()).toEqual(["br", "h1", "h2", "h3", "li", "ol", "p", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul"]);
    expect(html).not.toContain("href");
    expect(html).not.toContain("<em>");
    // <strong> only around our own labels and statuses.
    const strong = [...html.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]!);
    expect(strong.filter((s) => !/^([A-Z][A-Za-z&;' ]*:|\d+|PASS|FAIL|UNKNOWN)$/.test(s))).toEqual([]);
  });

  it("keeps every table row as wide as its header", () => {
    const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
    expect(tables).toHaveLength(19);
    for (const t of tables) {
      const width = t.slice(0, t.indexOf("</thead>")).match(/<th[ >]/g)!.length;
      const rows = t.slice(t.indexOf("<tbody>")).split("<tr>").slice(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.match(/<td[ >]/g)).toHaveLength(width);
    }
  });

  it("shows hostile values as their own text", () => {
    const text = decode(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ");
    expect(text).toContain(`The user name is hostile: ${HOSTILE.script} and so is this [link](${HOSTILE.jsUrl}) | pipe *star* _under_ \`tick\` <b>bold</b>.`);
    expect(text).toContain(`Object read from 198.51.100.23. [click me](${HOSTILE.jsUrl}) ${HOSTILE.img}`);
    expect(text).toContain(` arn:aws:s3:::${HOSTILE.hyperlink}/customers|export_*[1]*.csv `);
    expect(text).toContain(` ${HOSTILE.jsUrl} \`rm -rf\` 運用…→ `);
    expect(text).toContain("Recon burst <img src=x onerror=alert(1)>: 3 events");
    expect(text).toContain("Sigma rule by <script>alert(1)</script> (SigmaHQ)");
    expect(text).toContain("Chain from the origin: AKIAEXAMPLELEAKED001 → AssumeRole (2024-02-27 03:25:00 UTC) → ASIAEXAMPLEATTACK002");
    expect(text).toContain(" FAIL Logging tamper events checked ");
  });

  it("renders the same text twice", () => {
    expect(renderReportMarkdown(structuredClone(sampleReportSnapshot))).toBe(md);
  });
});
