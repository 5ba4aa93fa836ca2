import { describe, expect, it } from "vitest";
import { normalizeBookmarkView, ZCreateBookmarkInput } from "@/lib/bookmarks/schemas";

const CASE = "0b7e6c1a-3f0d-4a57-9d0e-2a9a4c1e5f10";
const OTHER = "5d2c0f4e-8a1b-4c3d-9e7f-60718293a4b5";
const NOT_A_PATH = "The view must be a link inside Trailbench starting with /cases/…, not a full address, another site or a script.";
const OTHER_CASE = "The view belongs to another case: only views of this case can be bookmarked here.";
const NOT_A_VIEW = "Only views of this case's events, one event, lineage, identities or heatmaps can be bookmarked.";

describe("normalizeBookmarkView", () => {
  it.each([
    [`/cases/${CASE}/events`, `/cases/${CASE}/events`],
    [`/cases/${CASE}/events?q=accessKeyId%3AASIAX+-readOnly%3Atrue&event=e-1&cols=time,name&before=abc`, `/cases/${CASE}/events?q=accessKeyId%3AASIAX+-readOnly%3Atrue&event=e-1&cols=time,name&before=abc`],
    // Spaces and quotes typed by hand are percent-encoded; the fragment is dropped.
    [`  /cases/${CASE}/events?q=userAgent:"a b"#row-3 \n`, `/cases/${CASE}/events?q=userAgent:%22a%20b%22`],
    [`/cases/${CASE}/events/e2e00000-0000-4000-8000-000000000008`, `/cases/${CASE}/events/e2e00000-0000-4000-8000-000000000008`],
    [`/cases/${CASE}/events/tb-sha256%3Aab%2F..%2Fx`, `/cases/${CASE}/events/tb-sha256%3Aab%2F..%2Fx`],
    [`/cases/${CASE}/lineage?key=ASIAX`, `/cases/${CASE}/lineage?key=ASIAX`],
    [`/cases/${CASE}/identities/arn%3Aaws%3Aiam%3A%3A1%3Arole%2FX`, `/cases/${CASE}/identities/arn%3Aaws%3Aiam%3A%3A1%3Arole%2FX`],
    [`/cases/${CASE}/heatmaps?axis=hour&sort=burst&after=2023-07-10T10%3A00%3A00.000Z`, `/cases/${CASE}/heatmaps?axis=hour&sort=burst&after=2023-07-10T10%3A00%3A00.000Z`],
    // Dot segments are resolved before the check, whether plain or percent-encoded.
    [`/cases/${CASE}/lineage/../events?q=x`, `/cases/${CASE}/events?q=x`],
    [`/cases/${CASE}/identities/%2e%2e/events`, `/cases/${CASE}/events`],
    // The case id as PostgreSQL prints it.
    [`/cases/${CASE.toUpperCase()}/events`, `/cases/${CASE}/events`],
  ])("keeps %s as %s", (raw, view) => {
    expect(normalizeBookmarkView(CASE, raw)).toEqual({ ok: true, view });
  });

  it.each([
    [`https://evil.example/cases/${CASE}/events`, NOT_A_PATH],
    [`http://x/cases/${CASE}/events`, NOT_A_PATH],
    [`//evil.example/cases/${CASE}/events`, NOT_A_PATH],
    [`/\\evil.example/cases/${CASE}/events`, NOT_A_PATH],
    [`/cases/${CASE}/events\\..\\..\\x`, NOT_A_PATH],
    [`/\t/evil.example/`, NOT_A_PATH],
    [`/cases/${CASE}/ev\tents`, NOT_A_PATH], // browsers drop tabs and newlines inside URLs
    ["javascript:alert(1)", NOT_A_PATH],
    [" javascript:alert(document.cookie)//", NOT_A_PATH],
    ["data:text/html,<script>alert(1)</script>", NOT_A_PATH],
    [`cases/${CASE}/events`, NOT_A_PATH],
    [`/cases/${CASE}//events`, NOT_A_PATH],
    ["", NOT_A_PATH],
    [`/cases/${OTHER}/events`, OTHER_CASE],
    [`/cases/${CASE}/events/../../${OTHER}/events`, OTHER_CASE],
    [`/cases/${CASE}/%2e%2e/${OTHER}/events`, OTHER_CASE],
    [`/cases/${CASE}`, NOT_A_VIEW],
    [`/cases/${CASE}/`, NOT_A_VIEW],
    [`/cases/${CASE}/collaborators`, NOT_A_VIEW],
    [`/cases/${CASE}/events/a/b`, NOT_A_VIEW],
    [`/cases/${CASE}/eventsX`, NOT_A_VIEW],
    [`/cases/${CASE}/heatmaps/x`, NOT_A_VIEW],
    ["/api/auth/signout", NOT_A_VIEW],
  ])("refuses %j", (raw, message) => {
    expect(normalizeBookmarkView(CASE, raw)).toEqual({ ok: false, message });
  });

  it("refuses a view longer than 8,000 characters", () => {
    expect(normalizeBookmarkView(CASE, `/cases/${CASE}/events?q=${"a".repeat(8000)}`)).toEqual({
      ok: false,
      message: "The view's link is too long (at most 8,000 characters).",
    });
  });
});

describe("ZCreateBookmarkInput", () => {
  it("trims the title and note, defaults the note and the pins, and de-duplicates pins in order", () => {
    expect(ZCreateBookmarkInput.parse({ title: "  t  ", view: "/x" })).toEqual({ title: "t", note: "", view: "/x", pinnedEventIds: [] });
    expect(ZCreateBookmarkInput.parse({ title: "t", note: " n ", view: "/x", pinnedEventIds: ["b", "a", "b"] }).pinnedEventIds).toEqual(["b", "a"]);
  });

  it("says what is wrong with a title, a note or a pinned id", () => {
    const issues = (input: unknown) => ZCreateBookmarkInput.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ title: "   ", view: "/x" })).toEqual([["title", "Give the bookmark a title."]]);
    expect(issues({ title: "x".repeat(201), note: "n".repeat(5001), view: "/x" })).toEqual([
      ["title", "Use at most 200 characters."],
      ["note", "Use at most 5,000 characters."],
    ]);
    expect(issues({ title: "a\u0000b", view: "/x", pinnedEventIds: [""] })).toEqual([
      ["title", "Remove the NUL character."],
      ["pinnedEventIds.0", "An event id cannot be empty."],
    ]);
    expect(issues({ title: "t", view: "/x", pinnedEventIds: Array.from({ length: 501 }, (_, i) => `e${i}`) })).toEqual([
      ["pinnedEventIds", "A bookmark pins at most 500 events."],
    ]);
  });
});
