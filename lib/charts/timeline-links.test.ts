import { describe, expect, it } from "vitest";
import { describeTimeline, formatBarRange, timelineIntervalHeading, timelineSeriesTotals } from "@/lib/charts/timeline-labels";
import { hasRangeTerms, isInternalPath, pageWithQuery, timelineBarHref, timelineBaseTerms, timelineRangeQuery, zoomOutRange } from "@/lib/charts/timeline-links";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import type { Timeline } from "@/lib/timeline/timeline-types";

const CASE = "6f1c2b1e-0000-4000-8000-000000000001";
const t = (iso: string) => Date.parse(iso);
const qOf = (href: string) => new URL(href, "http://x").searchParams.get("q");

describe("timeline links", () => {
  it("keeps the filter's other terms, hostile text included, and drops its range", () => {
    const base = timelineBaseTerms(`after:2023-07-10T00:00Z eventName:"<img src=x>" -denied:true before:2023-07-12`);
    expect(base.map((b) => (b.kind === "field" ? `${b.negated ? "-" : ""}${b.field}/${b.op}` : b.kind))).toEqual(["eventName/eq", "-errorCode/denied"]);
    expect(timelineBaseTerms("")).toEqual([]);
    expect(timelineBaseTerms('eventName:"unterminated')).toEqual([]);
    expect([hasRangeTerms("after:2023-07-10"), hasRangeTerms("eventName:x"), hasRangeTerms("")]).toEqual([true, false, false]);
  });

  it("links a bar, or one series of it, to exactly its interval on the events page", () => {
    const base = timelineBaseTerms("eventSource:iam.amazonaws.com after:2023-07-01");
    const all = timelineBarHref(CASE, base, t("2023-07-10T10:15:00Z"), t("2023-07-10T10:30:00Z"));
    expect(all.startsWith(`/cases/${CASE}/events?q=`)).toBe(true);
    expect(qOf(all)).toBe("eventSource:iam.amazonaws.com after:2023-07-10T10:15:00.000Z before:2023-07-10T10:30:00.000Z");
    const denied = timelineBarHref(CASE, base, t("2023-07-10T10:15:00Z"), t("2023-07-10T10:30:00Z"), "denied");
    expect(qOf(denied)).toBe("eventSource:iam.amazonaws.com after:2023-07-10T10:15:00.000Z before:2023-07-10T10:30:00.000Z denied:true");
    const mutating = timelineBarHref(CASE, [], t("2023-07-10T10:00:00Z"), t("2023-07-10T11:00:00Z"), "mutating");
    expect(qOf(mutating)).toBe("after:2023-07-10T10:00:00.000Z before:2023-07-10T11:00:00.000Z readOnly:false -denied:true");
    // What the link says is what the events page parses: the bar's range exactly, the series' terms.
    expect(parseFilter(qOf(denied)!).terms.map((x) => x.raw)).toEqual(["eventSource:iam.amazonaws.com", "after:2023-07-10T10:15:00.000Z", "before:2023-07-10T10:30:00.000Z", "denied:true"]);
    const hostile = timelineBarHref(CASE, timelineBaseTerms(`eventName:"a\\"b <x>&c"`), 0, 60_000);
    expect(parseFilter(qOf(hostile)!).terms[0]).toMatchObject({ field: "eventName", op: "eq", value: `a"b <x>&c` });
  });

  it("zooms the current page: q replaced, other parameters kept, cursors and the selected event dropped", () => {
    const base = timelineBaseTerms("eventName:AssumeRole before:2023-07-12");
    const q = timelineRangeQuery(base, { from: t("2023-07-10T10:00:00Z"), to: t("2023-07-10T12:00:00Z") });
    expect(q).toBe("eventName:AssumeRole after:2023-07-10T10:00:00.000Z before:2023-07-10T12:00:00.000Z");
    const href = pageWithQuery(`/cases/${CASE}/events`, "q=old&cols=time,name&sort=asc&before=cursor&after=c2&event=ev-1", q);
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe(`/cases/${CASE}/events`);
    expect([...url.searchParams.keys()]).toEqual(["q", "cols", "sort"]);
    expect(url.searchParams.get("q")).toBe(q);
    expect(url.searchParams.get("cols")).toBe("time,name");
    expect(pageWithQuery(`/cases/${CASE}`, "q=after%3A2023-07-10&axis=hour", timelineRangeQuery([], null))).toBe(`/cases/${CASE}?axis=hour`);
    expect(pageWithQuery(`/cases/${CASE}`, "", "")).toBe(`/cases/${CASE}`);
  });

  it("zooms out to twice the range around its centre", () => {
    expect(zoomOutRange(t("2023-07-10T10:00:00Z"), t("2023-07-10T12:00:00Z"))).toEqual({ from: t("2023-07-10T09:00:00Z"), to: t("2023-07-10T13:00:00Z") });
  });

  it("links only to paths inside the app", () => {
    expect([`/cases/${CASE}/events?q=x`, "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "https://evil.example/"].map(isInternalPath)).toEqual([true, false, false, false, false]);
  });
});

describe("timeline labels", () => {
  const timeline: Timeline = {
    query: "",
    interval: "15m",
    intervalMs: 900_000,
    from: "2023-07-10T23:30:00.000Z",
    to: "2023-07-11T00:15:00.000Z",
    bins: [
      { start: "2023-07-10T23:30:00.000Z", mutating: 2, readOnly: 0, denied: 1, unrecorded: 0 },
      { start: "2023-07-10T23:45:00.000Z", mutating: 0, readOnly: 0, denied: 0, unrecorded: 0 },
      { start: "2023-07-11T00:00:00.000Z", mutating: 1000, readOnly: 5, denied: 0, unrecorded: 0 },
    ],
    total: 1008,
    markers: [{ kind: "bookmark", id: "b1", title: "x", time: "2023-07-10T23:31:00.000Z", href: "/cases/x/events" }],
    source: "events",
    pendingEvents: 0,
  };

  it("names the bar width, the bar's UTC interval and the whole chart in words", () => {
    expect(["1m", "15m", "1h", "1d", "7d"].map((i) => timelineIntervalHeading(i as Timeline["interval"]))).toEqual([
      "1-minute bars, UTC", "15-minute bars, UTC", "1-hour bars, UTC", "1-day bars, UTC", "1-week bars, UTC",
    ]);
    expect(formatBarRange(t("2023-07-10T10:15:00Z"), 900_000)).toBe("2023-07-10 10:15–10:30 UTC");
    expect(formatBarRange(t("2023-07-10T23:45:00Z"), 900_000)).toBe("2023-07-10 23:45 – 2023-07-11 00:00 UTC");
    expect(timelineSeriesTotals(timeline)).toEqual({ mutating: 1002, readOnly: 5, denied: 1, unrecorded: 0 });
    expect(describeTimeline(timeline)).toBe(
      "1,008 events from 2023-07-10 23:30 to 2023-07-11 00:15 UTC in 3 15-minute bars (mutating 1,002, read-only 5, denied 1). 1 marker on the time axis.",
    );
    expect(describeTimeline({ ...timeline, from: null, to: null, bins: [], total: 0 })).toBe("No dated events to draw.");
  });
});
