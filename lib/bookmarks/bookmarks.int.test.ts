// Bookmarks on a real PostgreSQL: exact rows through create/list/get/update/delete, the view kept inside
// its case, pins limited to the case's own events, and who may change what (creator edits, creator or
// lead deletes, viewers read). Events are inserted directly under each case (the table has no foreign keys).
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { createBookmark } from "@/lib/bookmarks/create-bookmark";
import { deleteBookmark } from "@/lib/bookmarks/delete-bookmark";
import { getBookmark } from "@/lib/bookmarks/get-bookmark";
import { listBookmarks } from "@/lib/bookmarks/list-bookmarks";
import { pinBookmarkEvents } from "@/lib/bookmarks/pin-bookmark-events";
import { unpinBookmarkEvents } from "@/lib/bookmarks/unpin-bookmark-events";
import { updateBookmark } from "@/lib/bookmarks/update-bookmark";
import { db, getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import type { PublicUser } from "@/lib/users/create-user";

// The list component imports the server actions; importing them must not start Auth.js.
vi.mock("@/lib/auth/auth-options", () => ({ handlers: {}, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }));

const NOT_YOURS = "No such bookmark, or it is not yours to change.";

async function seedEvents(caseId: string, eventIds: string[]): Promise<void> {
  await getPool().query(
    `INSERT INTO events (case_id, event_id, evidence_file_id, position, event_name)
     SELECT $1, u.id, $2, u.n - 1, 'GetObject' FROM unnest($3::text[]) WITH ORDINALITY AS u(id, n)`,
    [caseId, randomUUID(), eventIds],
  );
}

type Team = { caseId: string; lead: PublicUser; investigator: PublicUser; other: PublicUser; viewer: PublicUser; scopes: Record<"lead" | "investigator" | "other" | "viewer", CaseScope> };

async function team(eventIds: string[] = ["evt-1", "evt-2", "evt-3"]): Promise<Team> {
  const lead = await seedUser({ name: "Lena Lead" });
  const investigator = await seedUser({ name: "Ivan Investigator" });
  const other = await seedUser({ name: "Olga Other" });
  const viewer = await seedUser({ name: "Vera Viewer" });
  const c = await seedCase(lead);
  await addMember(c.id, investigator, "investigator");
  await addMember(c.id, other, "investigator");
  await addMember(c.id, viewer, "viewer");
  await seedEvents(c.id, eventIds);
  return {
    caseId: c.id,
    lead,
    investigator,
    other,
    viewer,
    scopes: {
      lead: await resolveCaseScope(lead.id, c.id, "bookmarks:write"),
      investigator: await resolveCaseScope(investigator.id, c.id, "bookmarks:write"),
      other: await resolveCaseScope(other.id, c.id, "bookmarks:write"),
      viewer: await resolveCaseScope(viewer.id, c.id, "case:read"),
    },
  };
}

async function expectNotFound(p: Promise<unknown>, message = "Not found.") {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: "NOT_FOUND", message });
}

async function storedRow(id: string) {
  const { rows } = await getPool().query("SELECT case_id, created_by_id, title, note, view, pinned_event_ids FROM bookmarks WHERE id = $1", [id]);
  return rows[0] as Record<string, unknown> | undefined;
}

describe("bookmarks", () => {
  it("creates, lists newest first, gets, updates and deletes with exact fields", async () => {
    const t = await team();
    const s = t.scopes.investigator;
    const first = await createBookmark(s, {
      title: "  Key ASIAX pivot  ",
      note: " what the key did \n",
      view: `/cases/${t.caseId}/events?q=accessKeyId:ASIAX&event=evt-2&cols=time,name#ignored`,
      pinnedEventIds: ["evt-2", "evt-1", "evt-2"],
    });
    expect({ ...first, createdAt: undefined, updatedAt: undefined }).toEqual({
      id: first.id,
      title: "Key ASIAX pivot",
      note: "what the key did",
      view: `/cases/${t.caseId}/events?q=accessKeyId:ASIAX&event=evt-2&cols=time,name`,
      pinnedEventIds: ["evt-2", "evt-1"],
      pinnedCount: 2,
      createdById: t.investigator.id,
      createdByName: "Ivan Investigator",
      createdAt: undefined,
      updatedAt: undefined,
      canEdit: true,
      canDelete: true,
    });
    expect(first.createdAt.getTime()).toBe(first.updatedAt.getTime());
    expect(await storedRow(first.id)).toEqual({
      case_id: t.caseId,
      created_by_id: t.investigator.id,
      title: "Key ASIAX pivot",
      note: "what the key did",
      view: `/cases/${t.caseId}/events?q=accessKeyId:ASIAX&event=evt-2&cols=time,name`,
      pinned_event_ids: ["evt-2", "evt-1"],
    });

    await new Promise((r) => setTimeout(r, 5));
    const second = await createBookmark(t.scopes.other, { title: "Lineage of ASIAX", view: `/cases/${t.caseId}/lineage?key=ASIAX` });
    expect([second.note, second.pinnedEventIds, second.pinnedCount]).toEqual(["", [], 0]);

    // Newest first; what each reader may do comes with each bookmark.
    const rights = async (scope: CaseScope) => (await listBookmarks(scope)).map((b) => [b.title, b.createdByName, b.pinnedCount, b.canEdit, b.canDelete]);
    expect(await rights(s)).toEqual([
      ["Lineage of ASIAX", "Olga Other", 0, false, false],
      ["Key ASIAX pivot", "Ivan Investigator", 2, true, true],
    ]);
    expect(await rights(t.scopes.lead)).toEqual([
      ["Lineage of ASIAX", "Olga Other", 0, false, true],
      ["Key ASIAX pivot", "Ivan Investigator", 2, false, true],
    ]);
    expect(await rights(t.scopes.viewer)).toEqual([
      ["Lineage of ASIAX", "Olga Other", 0, false, false],
      ["Key ASIAX pivot", "Ivan Investigator", 2, false, false],
    ]);
    expect(await getBookmark(t.scopes.viewer, first.id)).toEqual({ ...first, canEdit: false, canDelete: false });

    await new Promise((r) => setTimeout(r, 5));
    const updated = await updateBookmark(s, first.id, { title: "Key ASIAX, all events", note: "", view: `/cases/${t.caseId}/events?q=accessKeyId:ASIAX` });
    expect({ ...updated, updatedAt: undefined }).toEqual({
      ...first,
      title: "Key ASIAX, all events",
      note: "",
      view: `/cases/${t.caseId}/events?q=accessKeyId:ASIAX`,
      updatedAt: undefined,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    // Without a view, an edit keeps it.
    expect((await updateBookmark(s, first.id, { title: "T", note: "N" })).view).toBe(`/cases/${t.caseId}/events?q=accessKeyId:ASIAX`);

    expect(await deleteBookmark(s, first.id)).toEqual({ id: first.id });
    expect(await storedRow(first.id)).toBeUndefined();
    expect((await listBookmarks(s)).map((b) => b.id)).toEqual([second.id]);
    await expectNotFound(getBookmark(s, first.id));
    await expectNotFound(deleteBookmark(s, first.id), NOT_YOURS);
  });

  it("keeps the view a path inside its own case, and stores nothing otherwise", async () => {
    const t = await team();
    const elsewhere = await seedCase(t.lead);
    const s = t.scopes.investigator;
    const view = async (raw: string) => {
      const err = await createBookmark(s, { title: "x", view: raw }).then(
        () => null,
        (e: { issues?: { path: PropertyKey[]; message: string }[] }) => e.issues?.map((i) => [i.path.join("."), i.message]),
      );
      return err;
    };
    const NOT_A_PATH = "The view must be a link inside Trailbench starting with /cases/…, not a full address, another site or a script.";
    expect(await view(`https://evil.example/cases/${t.caseId}/events`)).toEqual([["view", NOT_A_PATH]]);
    expect(await view(`//evil.example/cases/${t.caseId}/events`)).toEqual([["view", NOT_A_PATH]]);
    expect(await view(`/\\evil.example`)).toEqual([["view", NOT_A_PATH]]);
    expect(await view("javascript:alert(document.cookie)")).toEqual([["view", NOT_A_PATH]]);
    expect(await view(`/cases/${elsewhere.id}/events`)).toEqual([["view", "The view belongs to another case: only views of this case can be bookmarked here."]]);
    expect(await view(`/cases/${t.caseId}/events/../../${elsewhere.id}/events`)).toEqual([
      ["view", "The view belongs to another case: only views of this case can be bookmarked here."],
    ]);
    expect(await view(`/cases/${t.caseId}/collaborators`)).toEqual([["view", "Only views of this case's events, one event, lineage, identities or heatmaps can be bookmarked."]]);
    expect(await listBookmarks(s)).toEqual([]);
    // An edit is held to the same rule.
    const b = await createBookmark(s, { title: "ok", view: `/cases/${t.caseId}/events` });
    await expect(updateBookmark(s, b.id, { title: "ok", view: "https://evil.example/" })).rejects.toMatchObject({ issues: [{ path: ["view"], message: NOT_A_PATH }] });
    expect((await storedRow(b.id))?.view).toBe(`/cases/${t.caseId}/events`);
    // And the database refuses a view outside the row's case, whoever writes it.
    await expect(getPool().query("UPDATE bookmarks SET view = $2 WHERE id = $1", [b.id, `/cases/${elsewhere.id}/events`])).rejects.toMatchObject({
      constraint: "bookmarks_view_check",
    });
  });

  it("pins only events of the case, naming the others, in order and once each", async () => {
    const t = await team(["evt-1", "evt-2", "evt-3", "evt-4"]);
    const foreign = await team(["foreign-evt-9"]);
    const s = t.scopes.investigator;
    const view = `/cases/${t.caseId}/events`;
    // foreign-evt-9 exists, in the other case, where it can be pinned.
    expect((await createBookmark(foreign.scopes.investigator, { title: "x", view: `/cases/${foreign.caseId}/events`, pinnedEventIds: ["foreign-evt-9"] })).pinnedCount).toBe(1);
    await expect(createBookmark(s, { title: "x", view, pinnedEventIds: ["evt-1", "no-such-event", "foreign-evt-9"] })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: 'Not events of this case: "no-such-event", "foreign-evt-9".',
    });
    expect(await listBookmarks(s)).toEqual([]);

    const b = await createBookmark(s, { title: "x", view, pinnedEventIds: ["evt-3"] });
    expect((await pinBookmarkEvents(s, b.id, ["evt-1", "evt-3", "evt-2", "evt-1"])).pinnedEventIds).toEqual(["evt-3", "evt-1", "evt-2"]);
    await expect(pinBookmarkEvents(s, b.id, ["evt-4", "foreign-evt-9", "'; DROP TABLE bookmarks; --"])).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: `Not events of this case: "foreign-evt-9", "'; DROP TABLE bookmarks; --".`,
    });
    await expect(pinBookmarkEvents(s, b.id, [])).rejects.toMatchObject({ issues: [{ message: "Name at least one event." }] });
    expect((await storedRow(b.id))?.pinned_event_ids).toEqual(["evt-3", "evt-1", "evt-2"]);

    expect((await unpinBookmarkEvents(s, b.id, ["evt-1", "not-pinned"])).pinnedEventIds).toEqual(["evt-3", "evt-2"]);
    expect((await unpinBookmarkEvents(s, b.id, ["evt-3", "evt-2"])).pinnedEventIds).toEqual([]);
    expect((await storedRow(b.id))?.pinned_event_ids).toEqual([]);

    // Concurrent pins of different events: none is lost.
    await Promise.all(["evt-1", "evt-2", "evt-3", "evt-4"].map((id) => pinBookmarkEvents(s, b.id, [id])));
    expect(((await storedRow(b.id))?.pinned_event_ids as string[]).sort()).toEqual(["evt-1", "evt-2", "evt-3", "evt-4"]);
  });

  it("caps a bookmark at 500 pinned events with a clear message", async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `bulk-${i}`);
    const t = await team(ids);
    const s = t.scopes.investigator;
    const b = await createBookmark(s, { title: "many", view: `/cases/${t.caseId}/events`, pinnedEventIds: ids.slice(0, 500) });
    expect(b.pinnedCount).toBe(500);
    await expect(pinBookmarkEvents(s, b.id, ["bulk-500"])).rejects.toMatchObject({ code: "INVALID_INPUT", message: "A bookmark pins at most 500 events." });
    expect(((await storedRow(b.id))?.pinned_event_ids as string[]).length).toBe(500);
  });

  it("answers NOT_FOUND for another case's bookmark id and for malformed ids, changing nothing", async () => {
    const t = await team();
    const foreign = await team(["evt-1"]);
    const theirs = await createBookmark(foreign.scopes.investigator, { title: "theirs", view: `/cases/${foreign.caseId}/events`, pinnedEventIds: ["evt-1"] });
    const before = await storedRow(theirs.id);
    for (const scope of [t.scopes.investigator, t.scopes.lead]) {
      await expectNotFound(getBookmark(scope, theirs.id));
      await expectNotFound(updateBookmark(scope, theirs.id, { title: "mine now" }), NOT_YOURS);
      await expectNotFound(deleteBookmark(scope, theirs.id), NOT_YOURS);
      await expectNotFound(pinBookmarkEvents(scope, theirs.id, ["evt-1"]), NOT_YOURS);
      await expectNotFound(unpinBookmarkEvents(scope, theirs.id, ["evt-1"]), NOT_YOURS);
    }
    await expectNotFound(getBookmark(t.scopes.lead, "not-a-uuid"));
    await expectNotFound(deleteBookmark(t.scopes.lead, "' OR 1=1 --"), NOT_YOURS);
    await expectNotFound(updateBookmark(t.scopes.investigator, randomUUID(), { title: "x" }), NOT_YOURS);
    expect(await storedRow(theirs.id)).toEqual(before);
    expect((await listBookmarks(t.scopes.lead)).length).toBe(0);
  });

  it("lets only the creator edit and pin; the creator or the lead delete; viewers only read", async () => {
    const t = await team();
    const view = `/cases/${t.caseId}/events`;
    const ivans = await createBookmark(t.scopes.investigator, { title: "Ivan's", view, pinnedEventIds: ["evt-1"] });
    const leads = await createBookmark(t.scopes.lead, { title: "Lena's", view });
    const before = await storedRow(ivans.id);

    // Another investigator: no edit, no pin or unpin, no delete.
    const o = t.scopes.other;
    await expectNotFound(updateBookmark(o, ivans.id, { title: "hijacked" }), NOT_YOURS);
    await expectNotFound(pinBookmarkEvents(o, ivans.id, ["evt-2"]), NOT_YOURS);
    await expectNotFound(unpinBookmarkEvents(o, ivans.id, ["evt-1"]), NOT_YOURS);
    await expectNotFound(deleteBookmark(o, ivans.id), NOT_YOURS);
    // The lead curates: may delete Ivan's bookmark, but not rewrite it.
    await expectNotFound(updateBookmark(t.scopes.lead, ivans.id, { title: "lead's words" }), NOT_YOURS);
    await expectNotFound(pinBookmarkEvents(t.scopes.lead, ivans.id, ["evt-2"]), NOT_YOURS);
    // A viewer cannot get a write scope, and a read scope cannot write either.
    await expectNotFound(resolveCaseScope(t.viewer.id, t.caseId, "bookmarks:write"));
    const v = t.scopes.viewer;
    await expectNotFound(createBookmark(v, { title: "viewer's", view }));
    await expectNotFound(updateBookmark(v, ivans.id, { title: "x" }), NOT_YOURS);
    await expectNotFound(deleteBookmark(v, ivans.id), NOT_YOURS);
    await expectNotFound(pinBookmarkEvents(v, ivans.id, ["evt-2"]), NOT_YOURS);
    // A non-member has no scope at all.
    await expectNotFound(resolveCaseScope((await seedUser()).id, t.caseId, "case:read"));
    expect(await storedRow(ivans.id)).toEqual(before);

    expect(await deleteBookmark(t.scopes.lead, ivans.id)).toEqual({ id: ivans.id });
    expect((await listBookmarks(v)).map((b) => b.title)).toEqual(["Lena's"]);
    await expectNotFound(deleteBookmark(t.scopes.investigator, leads.id), NOT_YOURS);
    expect(await deleteBookmark(t.scopes.lead, leads.id)).toEqual({ id: leads.id });
    expect(await listBookmarks(v)).toEqual([]);
  });

  it("keeps a bookmark whose creator's account is deleted, and drops bookmarks with their case", async () => {
    const t = await team();
    const b = await createBookmark(t.scopes.other, { title: "orphan", view: `/cases/${t.caseId}/events` });
    await db.user.delete({ where: { id: t.other.id } });
    const after = await getBookmark(t.scopes.lead, b.id);
    expect([after.createdById, after.createdByName, after.canEdit, after.canDelete]).toEqual([null, null, false, true]);
    await expectNotFound(updateBookmark(t.scopes.investigator, b.id, { title: "mine" }), NOT_YOURS);
    await db.case.delete({ where: { id: t.caseId } });
    expect(await storedRow(b.id)).toBeUndefined();
  });

  it("stores attacker-controlled titles, notes and event ids verbatim and renders them as text", async () => {
    const hostileId = `<img src=x onerror=alert(1)>`;
    const t = await team([hostileId]);
    const title = `<script>alert("title")</script>`;
    const note = `</p><a href="javascript:alert(1)">click</a> & "quotes" 'single'`;
    const b = await createBookmark(t.scopes.investigator, { title, note, view: `/cases/${t.caseId}/events?q=userAgent:"<b>x</b>"`, pinnedEventIds: [hostileId] });
    expect(await storedRow(b.id)).toMatchObject({ title, note, pinned_event_ids: [hostileId], view: `/cases/${t.caseId}/events?q=userAgent:%22%3Cb%3Ex%3C/b%3E%22` });

    const { BookmarkList } = await import("@/components/bookmarks/bookmark-list");
    const markup = renderToStaticMarkup(createElement(BookmarkList, { caseId: t.caseId, bookmarks: await listBookmarks(t.scopes.investigator), canOpen: true }));
    // React appends its own form-replay script to markup with form actions; nothing else may be a script.
    const html = markup.replace(/<script>addEventListener\("submit",[^<]*<\/script>$/, "");
    expect(html.length).toBeLessThan(markup.length);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;/p&gt;&lt;a href=&quot;javascript");
    // Every link is the saved view or an event page of the case.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([
      `/cases/${t.caseId}/events?q=userAgent:%22%3Cb%3Ex%3C/b%3E%22`,
      `/cases/${t.caseId}/events/${encodeURIComponent(hostileId)}`,
    ]);
  });
});
