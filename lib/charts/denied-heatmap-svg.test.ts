// The denied-call heatmap rendered to static SVG markup, as the case report does (no browser, no
// hooks), plus its table fallback and the panel's server-rendered first state. (Vitest runs lib/**
// only, so the components' test lives here.)
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DeniedHeatmapPanel } from "@/components/charts/denied-heatmap-panel";
import { DeniedHeatmapSvg } from "@/components/charts/denied-heatmap-svg";
import { DeniedHeatmapTable } from "@/components/charts/denied-heatmap-table";
import { afterTerm, beforeTerm, eventsHref, valueTerm } from "@/lib/charts/chart-terms";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import type { DeniedHeatmap, HeatmapRow } from "@/lib/heatmaps/denied-heatmap-types";

const CASE = "6f1c2b1e-0000-4000-8000-000000000002";
const BOB = "arn:aws:sts::111122223333:assumed-role/Ops/bob";
const HOSTILE = `arn:aws:iam::1:user/<script>alert(1)</script>`;
const DENIED: FilterTermValue = { kind: "field", field: "errorCode", negated: false, op: "denied", value: true };
const HOUR = 3_600_000;
const START = Date.parse("2023-07-10T10:00:00Z");

function row(principal: string, total: number, burst: number, burstHour: string | null, first: string | null): HeatmapRow {
  const principalKind = principal === "" ? "" : "arn";
  return { principal, principalKind, total, burst, burstHour, first, href: eventsHref(CASE, [DENIED, valueTerm("userIdentity.arn", principal)]) };
}

function cellHref(principal: string, c: number): string {
  const from = new Date(START + c * HOUR).toISOString();
  const to = new Date(START + (c + 1) * HOUR).toISOString();
  return eventsHref(CASE, [DENIED, valueTerm("userIdentity.arn", principal), afterTerm(from), beforeTerm(to)]);
}

// bob: a burst of 100 at 12:00 and 4 at 13:00; '' (no ARN): 1 at 10:00; hostile: 2 at 10:00, 1 at 13:00.
const principals = [BOB, "", HOSTILE];
const counts = [
  [0, 0, 100, 4],
  [1, 0, 0, 0],
  [2, 0, 0, 1],
];
const hourly: DeniedHeatmap = {
  axis: "hour",
  sort: "burst",
  intervalMs: HOUR,
  from: "2023-07-10T10:00:00.000Z",
  to: "2023-07-10T14:00:00.000Z",
  rows: [
    row(BOB, 104, 100, "2023-07-10T12:00:00.000Z", "2023-07-10T12:00:05.000Z"),
    row("", 1, 1, "2023-07-10T10:00:00.000Z", "2023-07-10T10:20:00.000Z"),
    row(HOSTILE, 3, 2, "2023-07-10T10:00:00.000Z", "2023-07-10T10:01:00.000Z"),
  ],
  columns: [0, 1, 2, 3].map((c) => {
    const key = new Date(START + c * HOUR).toISOString();
    return { key, label: `${key.slice(5, 10)} ${key.slice(11, 16)}`, total: [4, 0, 101, 5][c]! };
  }),
  counts,
  hrefs: counts.map((r, ri) => r.map((n, c) => (n > 0 ? cellHref(principals[ri]!, c) : null))),
  max: 100,
  totalDenied: 110,
  rowsOmitted: 2,
  columnsOmitted: 0,
  codes: ["AccessDenied", "AccessDeniedException"],
  pendingEvents: 0,
};

function render(props: Parameters<typeof DeniedHeatmapSvg>[0]): string {
  return renderToStaticMarkup(createElement(DeniedHeatmapSvg, props));
}
const amp = (s: string) => s.replaceAll("&", "&amp;");
const attrs = (svg: string, name: string, testid: string) =>
  [...svg.matchAll(new RegExp(`data-testid="${testid}"[^>]*?${name}="([^"]*)"`, "g"))].map((m) => m[1]);

describe("DeniedHeatmapSvg", () => {
  it("draws one linked cell per principal × hour with denied calls, carrying the exact count", () => {
    const svg = render({ heatmap: hourly });
    // Width: labels cut at 44 characters (12 + 44 × 6.7 + 14), 4 columns of 16, total (12 + 52), busiest hour (12 + 220), margin 12.
    expect(svg.slice(0, svg.indexOf(" aria-labelledby"))).toBe(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 693 242" width="693" height="242" role="group"`);
    expect(svg.match(/data-testid="heatmap-cell"/g)).toHaveLength(5);
    // 5 cells + 3 row totals, and nothing else is a link.
    expect(svg.match(/<a /g)).toHaveLength(8);
    expect(attrs(svg, "data-count", "heatmap-cell")).toEqual(["100", "4", "1", "2", "1"]);
    const cells = [...svg.matchAll(/<a href="([^"]*)" aria-label="([^"]*)" data-testid="heatmap-cell" data-count="(\d+)" data-row="(\d)" data-col="(\d)">/g)].map((m) => [m[4], m[5], m[3], m[1]]);
    expect(cells).toEqual([
      ["0", "2", "100", amp(cellHref(BOB, 2))],
      ["0", "3", "4", amp(cellHref(BOB, 3))],
      ["1", "0", "1", amp(cellHref("", 0))],
      ["2", "0", "2", amp(cellHref(HOSTILE, 0))],
      ["2", "3", "1", amp(cellHref(HOSTILE, 3))],
    ]);
    expect(cellHref(BOB, 2)).toBe(
      `/cases/${CASE}/events?q=denied%3Atrue+userIdentity.arn%3Aarn%3Aaws%3Asts%3A%3A111122223333%3Aassumed-role%2FOps%2Fbob+after%3A2023-07-10T12%3A00%3A00.000Z+before%3A2023-07-10T13%3A00%3A00.000Z`,
    );
    expect(svg).toContain(`<title>${BOB} · 2023-07-10 12:00–13:00 UTC · 100 denied calls</title>`);
    expect(svg).toContain(`aria-label="(no principal ARN) · 2023-07-10 10:00–11:00 UTC · 1 denied call"`);
    // The count is printed inside the 16-pixel cell when it fits (4 does, 100 does not).
    expect(svg).toMatch(/data-row="0" data-col="3"><title>[^<]*<\/title><rect [^>]*fill="#fec561"><\/rect><text [^>]*fill="#14171c">4<\/text><\/a>/);
    expect(svg).toMatch(/data-row="0" data-col="2"><title>[^<]*<\/title><rect [^>]*fill="#bd0026"><\/rect><\/a>/);
  });

  it("gives every principal its total (linked) and its busiest hour", () => {
    const svg = render({ heatmap: hourly });
    const totals = [...svg.matchAll(/<a href="([^"]*)" aria-label="([^"]*)" data-testid="heatmap-row-total" data-row="(\d)" data-count="(\d+)">/g)];
    expect(totals.map((m) => [m[3], m[4], m[1]])).toEqual([
      ["0", "104", amp(hourly.rows[0]!.href)],
      ["1", "1", amp(hourly.rows[1]!.href)],
      ["2", "3", amp(hourly.rows[2]!.href)],
    ]);
    expect(attrs(svg, "data-burst", "heatmap-row-burst")).toEqual(["100", "1", "2"]);
    expect(svg).toContain(">100 at 2023-07-10 12:00 UTC</text>");
    expect(svg).toContain(">(no principal ARN)</text>");
    expect(svg).toContain("<title>(no principal ARN): 1 denied call, first at 2023-07-10 10:20:00 UTC</title>");
    expect(svg).toContain("<title>2023-07-10 12:00–13:00 UTC: 101 denied calls, all principals</title>07-10 12:00</text>");
  });

  it("has a log-scale legend from 0 and 1 up to exactly max", () => {
    const svg = render({ heatmap: hourly });
    expect(svg).toContain(`data-testid="heatmap-legend" data-max="100" data-scale="log"`);
    expect(attrs(svg, "data-value", "heatmap-legend-step")).toEqual(["0", "1", "3", "10", "32", "100"]);
    expect(svg).toMatch(/data-value="100"><rect [^>]*fill="#bd0026"/);
    expect(svg).toMatch(/data-value="1"><rect [^>]*fill="#ffeda0"/);
    expect(svg).toMatch(/data-value="0"><rect [^>]*fill="#f2f4f7"/);
    expect(svg.match(/data-testid="heatmap-note"/g)).toHaveLength(1);
    expect(svg).toContain(">2 more principals with denied calls not drawn (principals ordered by busiest hour).</text>");
  });

  it("renders attacker-controlled principals as escaped text only", () => {
    const svg = render({ heatmap: hourly, caseTitle: `Case <img src=x>` });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(svg).toContain(`aria-label="arn:aws:iam::1:user/&lt;script&gt;alert(1)&lt;/script&gt; · 2023-07-10 13:00–14:00 UTC · 1 denied call"`);
    expect(svg).toContain(">Case &lt;img src=x&gt; · 2023-07-10 10:00 UTC – 2023-07-10 14:00 UTC · 110 denied calls</text>");
    expect(svg).toContain(`<title id="denied-heatmap-title">Denied calls by principal and hour (UTC) — Case &lt;img src=x&gt;</title>`);
  });

  it("shortens long principals in the middle and can leave cell tooltips to the page", () => {
    const svg = render({ heatmap: hourly, maxLabelChars: 24, titles: false, id: "dash" });
    expect(svg).toContain(">arn:aws:st…-role/Ops/bob</text>");
    expect(svg).toContain(`<title id="dash-title">`);
    expect(svg.match(/data-testid="heatmap-cell"/g)).toHaveLength(5);
    expect(svg).not.toMatch(/data-testid="heatmap-cell"[^>]*><title>/);
    expect(svg).toMatch(/aria-label="arn:aws:sts::111122223333:assumed-role\/Ops\/bob · 2023-07-10 12:00–13:00 UTC · 100 denied calls" data-testid="heatmap-cell"/);
  });

  it("puts principals against services, '' as (none), and says what is not drawn", () => {
    const svg = render({
      heatmap: {
        ...hourly,
        axis: "service",
        intervalMs: null,
        from: null,
        to: null,
        rows: [hourly.rows[0]!, { ...hourly.rows[1]!, principal: "delivery.logs.amazonaws.com", principalKind: "invokedBy", total: 2 }],
        columns: [
          { key: "s3.amazonaws.com", label: "s3.amazonaws.com", total: 7 },
          { key: "", label: "(none)", total: 1 },
        ],
        counts: [
          [7, 1],
          [2, 0],
        ],
        hrefs: [
          ["/cases/x/events?q=a", "/cases/x/events?q=b"],
          ["/cases/x/events?q=c", null],
        ],
        max: 7,
        rowsOmitted: 0,
        columnsOmitted: 1,
        pendingEvents: 12,
      },
    });
    expect(attrs(svg, "data-count", "heatmap-cell")).toEqual(["7", "1", "2"]);
    expect(svg).toContain(`aria-label="${BOB} · service (none) · 1 denied call"`);
    expect(svg).toContain(`<a href="/cases/x/events?q=c" aria-label="invoked by delivery.logs.amazonaws.com · service s3.amazonaws.com · 2 denied calls"`);
    expect(svg).toContain(">invoked by delivery.logs.amazonaws.com</text>");
    expect(attrs(svg, "data-value", "heatmap-legend-step")).toEqual(["0", "1", "2", "3", "4", "7"]);
    expect(svg).toContain(">1 more service with fewer denied calls not drawn.</text>");
    expect(svg).toContain(">12 events ingested after these counts were built are not counted yet.</text>");
  });

  it("says so when there is nothing to draw", () => {
    const svg = render({ heatmap: { ...hourly, rows: [], columns: [], counts: [], hrefs: [], max: 0, totalDenied: 0, rowsOmitted: 0 } });
    expect(svg).toContain(">No denied calls in this range.</text>");
    expect(svg).not.toContain("heatmap-cell");
    expect(svg).not.toContain("heatmap-legend");
    expect(svg).toContain(`<desc id="denied-heatmap-desc">No denied calls in 2023-07-10 10:00 UTC – 2023-07-10 14:00 UTC.</desc>`);
  });
});

describe("DeniedHeatmapTable (the accessible fallback)", () => {
  it("has the same cells and links as the chart, with the burst figure per principal", () => {
    const html = renderToStaticMarkup(createElement(DeniedHeatmapTable, { heatmap: hourly }));
    expect(html).toContain("<caption>Denied calls per principal and UTC time, 2023-07-10 10:00 UTC – 2023-07-10 14:00 UTC (columns of 1 hour)</caption>");
    const cells = [...html.matchAll(/<a href="([^"]*)" aria-label="[^"]*" data-testid="heatmap-table-cell" data-count="(\d+)" data-row="(\d)" data-col="(\d)">/g)];
    expect(cells.map((m) => [m[3], m[4], m[2], m[1]])).toEqual([
      ["0", "2", "100", amp(cellHref(BOB, 2))],
      ["0", "3", "4", amp(cellHref(BOB, 3))],
      ["1", "0", "1", amp(cellHref("", 0))],
      ["2", "0", "2", amp(cellHref(HOSTILE, 0))],
      ["2", "3", "1", amp(cellHref(HOSTILE, 3))],
    ]);
    expect(html.match(/data-testid="heatmap-table-total"/g)).toHaveLength(3);
    expect(html).toContain(`data-testid="heatmap-table-burst" data-burst="100">max 100 in one hour at 2023-07-10 12:00 UTC</td>`);
    expect(html).toContain(`<th scope="row" class="mono">(no principal ARN)</th>`);
    expect(html).not.toContain("<script");
  });
});

describe("DeniedHeatmapPanel", () => {
  it("renders its loading state on the server, and in compact form a link to the full view", () => {
    const html = renderToStaticMarkup(createElement(DeniedHeatmapPanel, { caseId: CASE, axis: "hour", sort: "burst", compact: true }));
    expect(html).toContain(`<p class="muted" role="status" aria-busy="true" data-testid="heatmap-loading">Loading …</p>`);
    expect(html).toContain(`<a href="/cases/${CASE}/heatmaps?axis=hour&amp;sort=burst">Open the denied-call heatmaps</a>`);
    expect(html).not.toContain("<select");
  });
});
