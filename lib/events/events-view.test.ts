import { describe, expect, it } from "vitest";
import { DEFAULT_EVENT_COLUMNS, formatEventColumns, parseEventColumns } from "@/lib/events/event-columns";
import { eventsViewHref, parseEventsView } from "@/lib/events/events-view";

describe("event columns in the URL", () => {
  it("keep known ids in catalogue order, once, and fall back to the default set", () => {
    expect(parseEventColumns("userAgent,eventName,nope,eventName")).toEqual(["eventName", "userAgent"]);
    expect(parseEventColumns("nope")).toEqual([...DEFAULT_EVENT_COLUMNS]);
    expect(parseEventColumns(undefined)).toEqual([...DEFAULT_EVENT_COLUMNS]);
    expect(formatEventColumns([...DEFAULT_EVENT_COLUMNS])).toBeUndefined();
    expect(formatEventColumns(["userAgent", "eventName"])).toBe("eventName,userAgent");
  });
});

describe("events view URLs", () => {
  const c = "11111111-1111-4111-8111-111111111111";
  it("parse every part and print it back", () => {
    const view = parseEventsView({ q: "key:ASIA1", event: "e-1", cols: "eventName,userAgent", before: "cur" });
    expect(view).toEqual({ q: "key:ASIA1", event: "e-1", cols: ["eventName", "userAgent"], before: "cur" });
    expect(eventsViewHref(c, view)).toBe(`/cases/${c}/events?q=key%3AASIA1&cols=eventName%2CuserAgent&event=e-1`);
    expect(eventsViewHref(c, view, { before: "x" })).toBe(`/cases/${c}/events?q=key%3AASIA1&cols=eventName%2CuserAgent&event=e-1&before=x`);
    expect(eventsViewHref(c, view, { event: null, q: "" })).toBe(`/cases/${c}/events?cols=eventName%2CuserAgent`);
    const asc = parseEventsView({ sort: "asc", q: "x" });
    expect(asc).toEqual({ q: "x", order: "asc", cols: [...DEFAULT_EVENT_COLUMNS] });
    expect(eventsViewHref(c, asc)).toBe(`/cases/${c}/events?q=x&sort=asc`);
    expect(eventsViewHref(c, asc, { order: "desc" })).toBe(`/cases/${c}/events?q=x`);
    expect(parseEventsView({ sort: "desc" }).order).toBeUndefined();
  });

  it("ignore arrays and empty strings, and prefer after over before", () => {
    expect(parseEventsView({ q: ["a", "b"], event: "", after: "a", before: "b" })).toEqual({ q: "", cols: [...DEFAULT_EVENT_COLUMNS], after: "a" });
    expect(eventsViewHref(c, parseEventsView({}))).toBe(`/cases/${c}/events`);
    // The column picker's checkboxes submit `col` once per column.
    expect(parseEventsView({ col: ["userAgent", "eventName"], cols: "awsRegion" }).cols).toEqual(["eventName", "userAgent"]);
    expect(parseEventsView({ col: "userAgent" }).cols).toEqual(["userAgent"]);
  });
});
