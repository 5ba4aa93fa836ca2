// The timeline's table (the chart's keyboard and screen-reader path, and the e2e surface) rendered to
// static markup: one row per bar with events, each count linking to exactly its events.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimelineTable } from "@/components/charts/timeline-table";
import { timelineBarHref, timelineBaseTerms } from "@/lib/charts/timeline-links";
import type { Timeline } from "@/lib/timeline/timeline-types";

const CASE = "6f1c2b1e-0000-4000-8000-000000000001";
const QUERY = `eventName:"<img src=x>" after:2023-07-10T00:00:00.000Z`;
const timeline: Timeline = {
  query: QUERY,
  interval: "1h",
  intervalMs: 3_600_000,
  from: "2023-07-10T10:00:00.000Z",
  to: "2023-07-10T13:00:00.000Z",
  bins: [
    { start: "2023-07-10T10:00:00.000Z", mutating: 2, readOnly: 0, denied: 1, unrecorded: 0 },
    { start: "2023-07-10T11:00:00.000Z", mutating: 0, readOnly: 0, denied: 0, unrecorded: 0 },
    { start: "2023-07-10T12:00:00.000Z", mutating: 0, readOnly: 1200, denied: 0, unrecorded: 3 },
  ],
  total: 1206,
  markers: [],
  source: "events",
  pendingEvents: 0,
};
const base = timelineBaseTerms(QUERY);
const amp = (s: string) => s.replaceAll("&", "&amp;");

function render(maxRows?: number): string {
  return renderToStaticMarkup(
    createElement(TimelineTable, { caseId: CASE, timeline, baseTerms: base, zoomHref: (a: number, b: number) => `/zoom/${a}-${b}`, ...(maxRows ? { maxRows } : {}) }),
  );
}

describe("TimelineTable", () => {
  it("lists only the bars with events, each count a link to exactly its events", () => {
    const html = render();
    expect(html.match(/data-testid="timeline-row"/g)).toHaveLength(2);
    expect(html).toContain(`<caption>Calls per 1-hour bar (UTC): 2 of 3 bars have events</caption>`);
    const at10 = Date.parse("2023-07-10T10:00:00Z");
    const at12 = Date.parse("2023-07-10T12:00:00Z");
    const cells = [...html.matchAll(/<td class="num" data-series="(\w+)" data-count="(\d+)">(.*?)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(cells.map(([s, c]) => `${s}=${c}`)).toEqual([
      "mutating=2", "readOnly=0", "denied=1", "unrecorded=0", "total=3",
      "mutating=0", "readOnly=1200", "denied=0", "unrecorded=3", "total=1203",
    ]);
    expect(cells[0]![2]).toBe(`<a aria-label="Mutating: 2 at 2023-07-10 10:00 UTC" href="${amp(timelineBarHref(CASE, base, at10, at10 + 3_600_000, "mutating"))}">2</a>`);
    expect(cells[1]![2]).toBe(`<span class="muted">0</span>`);
    expect(cells[6]![2]).toContain(`>1,200</a>`);
    expect(cells[9]![2]).toBe(`<a aria-label="Total: 1,203 at 2023-07-10 12:00 UTC" href="${amp(timelineBarHref(CASE, base, at12, at12 + 3_600_000))}">1,203</a>`);
    expect(timelineBarHref(CASE, base, at12, at12 + 3_600_000)).toBe(
      `/cases/${CASE}/events?q=eventName%3A%22%3Cimg+src%3Dx%3E%22+after%3A2023-07-10T12%3A00%3A00.000Z+before%3A2023-07-10T13%3A00%3A00.000Z`,
    );
    expect(html).not.toContain("<img");
    expect(html).toContain(`<a aria-label="Zoom the timeline to 2023-07-10 12:00 UTC" href="/zoom/${at12}-${at12 + 3_600_000}">Zoom in</a>`);
  });

  it("caps the rows and says so", () => {
    const html = render(1);
    expect(html.match(/data-testid="timeline-row"/g)).toHaveLength(1);
    expect(html).toContain(`Showing the first 1 of 2 bars with events; zoom in to see the rest.`);
    expect(render()).not.toContain("timeline-table-capped");
  });
});
