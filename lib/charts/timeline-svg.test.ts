// The timeline rendered to static SVG markup, as the case report does: no browser, no hooks. (Vitest
// runs lib/** only, so the component's test lives here.)
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimelineSvg } from "@/components/charts/timeline-svg";
import type { Timeline } from "@/lib/timeline/timeline-types";

const HOSTILE = `<script>alert(1)</script>"&`;

const timeline: Timeline = {
  query: "",
  interval: "15m",
  intervalMs: 900_000,
  from: "2023-07-10T10:00:00.000Z",
  to: "2023-07-10T11:00:00.000Z",
  bins: [
    { start: "2023-07-10T10:00:00.000Z", mutating: 2, readOnly: 0, denied: 0, unrecorded: 0 },
    { start: "2023-07-10T10:15:00.000Z", mutating: 0, readOnly: 0, denied: 0, unrecorded: 0 },
    { start: "2023-07-10T10:30:00.000Z", mutating: 1, readOnly: 2, denied: 1, unrecorded: 0 },
    { start: "2023-07-10T10:45:00.000Z", mutating: 0, readOnly: 0, denied: 4, unrecorded: 1 },
  ],
  total: 11,
  markers: [
    { kind: "bookmark", id: "b1", title: HOSTILE, time: "2023-07-10T10:30:00.000Z", href: "/cases/x/events" },
    { kind: "finding", id: "f1", title: "Console login without MFA", time: "2023-07-10T10:50:00.000Z", href: "/cases/x/events" },
  ],
  source: "events",
  pendingEvents: 0,
};

function render(t: Timeline, width = 760, height = 262): string {
  return renderToStaticMarkup(createElement(TimelineSvg, { timeline: t, width, height, title: "Timeline of case <Acme>" }));
}

describe("TimelineSvg", () => {
  it("draws one rect per non-empty bar segment, stacked in series order, exact counts in titles", () => {
    const svg = render(timeline);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 262" width="760" height="262" role="img" aria-labelledby="timeline-title" aria-describedby="timeline-desc"`)).toBe(true);
    const segments = [...svg.matchAll(/<rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)" fill="([^"]*)" data-series="([^"]*)" data-count="(\d+)">/g)];
    expect(segments.map((m) => `${m[6]}=${m[7]}`)).toEqual(["mutating=2", "mutating=1", "readOnly=2", "denied=1", "denied=4", "unrecorded=1"]);
    // Plot x 52..748 (696 wide) over 4 bars: slot 174, bar 139.2 centred. Count axis 0..6 (ticks 0, 2, 4,
    // 6) over y 207..42 (one row of marker key under the axis): 27.5 px per event, stacked from the bottom.
    expect(segments.map((m) => m[1])).toEqual(["69.4", "417.4", "417.4", "417.4", "591.4", "591.4"]);
    const third = segments.slice(1, 4).map((m) => [Number(m[2]), Number(m[4])]);
    expect(third.map(([y, h]) => Math.round((y! + h!) * 100) / 100)).toEqual([207, 179.5, 124.5]);
    expect(third.map(([, h]) => h)).toEqual([27.5, 55, 27.5]);
    expect(segments.map((m) => m[5])).toEqual(["#1f5fbf", "#1f5fbf", "#98b4dc", "#c4320a", "#c4320a", "#b0b7c3"]);
    expect(svg).toContain(`<title>2023-07-10 10:30–10:45 UTC · Denied: 1</title>`);
    expect(svg).toContain(`<title>2023-07-10 10:45–11:00 UTC · readOnly not recorded: 1</title>`);
  });

  it("has a legend with the series labels, the bar width, UTC ticks and count ticks", () => {
    const svg = render(timeline);
    const legend = svg.slice(svg.indexOf(`data-testid="timeline-svg-legend"`), svg.indexOf(`<g stroke="#e4e7ec">`));
    expect([...legend.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1])).toEqual(["Mutating", "Read-only", "Denied", "readOnly not recorded", "15-minute bars, UTC"]);
    expect(svg).toContain(`>10:00</text><text x="52" y="`);
    expect(svg).toContain(`>2023-07-10</text>`);
    expect(svg).toMatch(/>10:45<\/text>/);
    expect([...svg.matchAll(/<text x="46" y="[^"]*">([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(["0", "2", "4", "6"]);
  });

  it("marks bookmarks and findings, escaping their titles, with a described title", () => {
    const svg = render(timeline);
    expect(svg.match(/data-testid="timeline-svg-marker"/g)).toHaveLength(2);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain(`<title>Bookmark 1: &lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp; (2023-07-10 10:30 UTC)</title>`);
    expect(svg).toContain(`<title>Finding 2: Console login without MFA (2023-07-10 10:50 UTC)</title>`);
    expect(svg).toContain(`<title id="timeline-title">Timeline of case &lt;Acme&gt;</title>`);
    expect(svg).toContain(
      `<desc id="timeline-desc">11 events from 2023-07-10 10:00 to 2023-07-10 11:00 UTC in 4 15-minute bars (mutating 3, read-only 2, denied 5, readOnly not recorded 1). 2 markers on the time axis.</desc>`,
    );
    // The key under the axis: number and title, a marker at the bar's start sits on its left edge.
    expect(svg).toContain(`>1 </tspan>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp; (2023-07-10 10:30)</text>`);
    expect(svg).toContain(`<line x1="400" x2="400"`);
  });

  it("draws an empty frame with a message when nothing is dated, and keys past six markers as '+ n more'", () => {
    const empty = render({ ...timeline, from: null, to: null, bins: [], total: 0, markers: [] });
    expect(empty).toContain(">No dated events to draw.</text>");
    expect(empty.match(/data-series=/g)).toBeNull();
    const many = render({
      ...timeline,
      markers: Array.from({ length: 8 }, (_, i) => ({ kind: "bookmark" as const, id: `b${i}`, title: `m${i}`, time: "2023-07-10T10:05:00.000Z", href: "/x" })),
    });
    expect(many.match(/data-testid="timeline-svg-marker"/g)).toHaveLength(8);
    expect(many).toContain(">+ 3 more</text>");
    expect(many.match(/<tspan [^>]*font-weight="700">/g)).toHaveLength(5);
  });
});
