// Notes, tags and marks on a real PostgreSQL (issue #8): exact rows through every write, who may write
// what (viewers nothing, authors edit their own notes, authors or the lead delete), every event id checked
// against the scope's case (another case's event is NOT_FOUND), the audit rows each write leaves, and the
// filter terms tag:, is: and has:note returning exactly this case's events. Two cases hold the SAME event
// ids, so a query that forgot the case would return the other case's annotations.
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { EventAnnotationsPanel } from "@/components/notes/event-annotations-panel";
import { resolveCaseScope, type CaseScope } from "@/lib/auth/case-scope";
import { getPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countEvents } from "@/lib/events/count-events";
import { parseFilter } from "@/lib/events/filter/parse-filter";
import { findEvents } from "@/lib/events/find-events";
import { createNote } from "@/lib/notes/create-note";
import { getEventNotesPanel } from "@/lib/notes/get-event-notes-panel";
import { deleteNote } from "@/lib/notes/delete-note";
import { listCaseNotes } from "@/lib/notes/list-case-notes";
import { listEventNotes } from "@/lib/notes/list-event-notes";
import { listNotesOnEvents } from "@/lib/notes/list-notes-on-events";
import { updateNote } from "@/lib/notes/update-note";
import { addEventTag } from "@/lib/tags/add-event-tag";
import { clearEventMark } from "@/lib/tags/clear-event-mark";
import { countCaseTags } from "@/lib/tags/count-case-tags";
import { listEventAnnotations } from "@/lib/tags/list-event-annotations";
import { removeEventTag } from "@/lib/tags/remove-event-tag";
import { setEventMark } from "@/lib/tags/set-event-mark";
import { suggestTags } from "@/lib/tags/suggest-tags";
import { addMember, seedCase, seedUser } from "@/lib/testing/factories";
import type { PublicUser } from "@/lib/users/create-user";

// The panel's components import the server actions; importing them must not start Auth.js.
vi.mock("@/lib/auth/auth-options", () => ({ handlers: {}, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }));

const EVENTS = ["evt-1", "evt-2", "evt-3", "evt-4", "evt-5"];
const NOT_YOURS = "No such note, or it is not yours to change.";
const NO_EVENT = "No such event in this case.";

async function seedEvents(caseId: string, eventIds: string[]): Promise<void> {
  // One minute apart, evt-1 oldest, so findEvents (newest first) lists evt-5 … evt-1.
  await getPool().query(
    `INSERT INTO events (case_id, event_id, evidence_file_id, position, event_name, event_time)
     SELECT $1, u.id, $2, u.n - 1, 'GetObject', timestamptz '2024-03-01T10:00:00Z' + (u.n || ' minutes')::interval
       FROM unnest($3::text[]) WITH ORDINALITY AS u(id, n)`,
    [caseId, randomUUID(), eventIds],
  );
}

type Role = "lead" | "investigator" | "other" | "viewer";
type Team = { caseId: string; users: Record<Role, PublicUser>; scopes: Record<Role, CaseScope> };

async function team(eventIds: string[] = EVENTS): Promise<Team> {
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
    users: { lead, investigator, other, viewer },
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

/** The audit rows of this feature's actions in the case (other features audit case creation, membership …). */
async function auditRows(caseId: string) {
  const { rows } = await getPool().query<{ action: string; actor_id: string | null; target_type: string; target_id: string; detail: unknown }>(
    `SELECT action, actor_id, target_type, target_id, detail FROM audit_log
      WHERE case_id = $1 AND split_part(action, '.', 1) IN ('note', 'tag', 'mark') ORDER BY id`,
    [caseId],
  );
  return rows;
}

const strip = <T extends { createdAt: Date; updatedAt: Date }>(n: T) => ({ ...n, createdAt: undefined, updatedAt: undefined });

describe("notes", () => {
  it("adds notes to an event and to the case, lists them exactly, and audits each write", async () => {
    const t = await team();
    const onEvent = await createNote(t.scopes.investigator, { eventId: "evt-2", body: "  Looks like **recon** from <b>203.0.113.7</b>  \n" });
    expect(strip(onEvent)).toEqual({
      id: onEvent.id,
      eventId: "evt-2",
      body: "Looks like **recon** from <b>203.0.113.7</b>",
      edited: false,
      authorId: t.users.investigator.id,
      authorName: "Ivan Investigator",
      createdAt: undefined,
      updatedAt: undefined,
      canEdit: true,
      canDelete: true,
    });
    const onCase = await createNote(t.scopes.other, { body: "Scope: account 111122223333 only." });
    expect([onCase.eventId, onCase.authorName]).toEqual([null, "Olga Other"]);
    const second = await createNote(t.scopes.lead, { eventId: "evt-2", body: "Agreed." });

    // Rights follow the reader: the lead deletes anything, an author edits only their own, a viewer nothing.
    const view = async (s: CaseScope) => (await listEventNotes(s, "evt-2")).map((n) => [n.body, n.authorName, n.canEdit, n.canDelete]);
    expect(await view(t.scopes.investigator)).toEqual([
      ["Looks like **recon** from <b>203.0.113.7</b>", "Ivan Investigator", true, true],
      ["Agreed.", "Lena Lead", false, false],
    ]);
    expect(await view(t.scopes.lead)).toEqual([
      ["Looks like **recon** from <b>203.0.113.7</b>", "Ivan Investigator", false, true],
      ["Agreed.", "Lena Lead", true, true],
    ]);
    expect(await view(t.scopes.viewer)).toEqual([
      ["Looks like **recon** from <b>203.0.113.7</b>", "Ivan Investigator", false, false],
      ["Agreed.", "Lena Lead", false, false],
    ]);
    expect((await listCaseNotes(t.scopes.viewer)).map((n) => [n.id, n.body])).toEqual([[onCase.id, "Scope: account 111122223333 only."]]);
    const onEvents = await listNotesOnEvents(t.scopes.lead);
    expect(onEvents.total).toBe(2);
    expect(onEvents.notes.map((n) => [n.id, n.eventId, n.event?.eventName, n.event?.eventTime?.toISOString()])).toEqual([
      [second.id, "evt-2", "GetObject", "2024-03-01T10:02:00.000Z"],
      [onEvent.id, "evt-2", "GetObject", "2024-03-01T10:02:00.000Z"],
    ]);

    const edited = await updateNote(t.scopes.investigator, onEvent.id, "Recon, confirmed.");
    expect([edited.body, edited.edited, edited.updatedAt.getTime() >= edited.createdAt.getTime()]).toEqual(["Recon, confirmed.", true, true]);
    expect(await deleteNote(t.scopes.lead, onEvent.id)).toEqual({ id: onEvent.id, eventId: "evt-2" });
    expect((await listEventNotes(t.scopes.lead, "evt-2")).map((n) => n.id)).toEqual([second.id]);

    expect(await auditRows(t.caseId)).toEqual([
      { action: "note.create", actor_id: t.users.investigator.id, target_type: "note", target_id: onEvent.id, detail: { eventId: "evt-2", length: 44 } },
      { action: "note.create", actor_id: t.users.other.id, target_type: "note", target_id: onCase.id, detail: { eventId: null, length: 33 } },
      { action: "note.create", actor_id: t.users.lead.id, target_type: "note", target_id: second.id, detail: { eventId: "evt-2", length: 7 } },
      { action: "note.update", actor_id: t.users.investigator.id, target_type: "note", target_id: onEvent.id, detail: { eventId: "evt-2", length: 17 } },
      { action: "note.delete", actor_id: t.users.lead.id, target_type: "note", target_id: onEvent.id, detail: { eventId: "evt-2", authorId: t.users.investigator.id } },
    ]);
  });

  it("lets only the author edit, the author or the lead delete, and viewers write nothing", async () => {
    const t = await team();
    const note = await createNote(t.scopes.investigator, { eventId: "evt-1", body: "mine" });
    await expectNotFound(updateNote(t.scopes.other, note.id, "hijacked"), NOT_YOURS);
    await expectNotFound(updateNote(t.scopes.lead, note.id, "lead rewrite"), NOT_YOURS);
    await expectNotFound(updateNote(t.scopes.viewer, note.id, "viewer"), NOT_YOURS);
    await expectNotFound(deleteNote(t.scopes.other, note.id), NOT_YOURS);
    await expectNotFound(deleteNote(t.scopes.viewer, note.id), NOT_YOURS);
    await expectNotFound(createNote(t.scopes.viewer, { eventId: "evt-1", body: "viewer note" }));
    await expectNotFound(createNote(t.scopes.viewer, { body: "viewer case note" }));
    await expectNotFound(updateNote(t.scopes.investigator, "not-a-uuid", "x"), NOT_YOURS);
    const { rows } = await getPool().query("SELECT body, edited, author_id FROM notes WHERE case_id = $1", [t.caseId]);
    expect(rows).toEqual([{ body: "mine", edited: false, author_id: t.users.investigator.id }]);
    expect((await auditRows(t.caseId)).map((r) => r.action)).toEqual(["note.create"]);
  });

  it("refuses another case's event and another case's note as NOT_FOUND, and checks the body", async () => {
    const t = await team();
    const elsewhere = await team(["evt-1", "foreign-evt-9"]);
    const foreign = await createNote(elsewhere.scopes.lead, { eventId: "foreign-evt-9", body: "theirs" });
    await expectNotFound(createNote(t.scopes.investigator, { eventId: "foreign-evt-9", body: "x" }), NO_EVENT);
    await expectNotFound(createNote(t.scopes.investigator, { eventId: "no-such-event", body: "x" }), NO_EVENT);
    // The lead of this case cannot touch the other case's note by id.
    await expectNotFound(deleteNote(t.scopes.lead, foreign.id), NOT_YOURS);
    await expectNotFound(updateNote(t.scopes.lead, foreign.id, "x"), NOT_YOURS);
    expect(await listEventNotes(t.scopes.lead, "foreign-evt-9")).toEqual([]);
    await expect(createNote(t.scopes.investigator, { eventId: "evt-1", body: "   " })).rejects.toMatchObject({ issues: [{ message: "Write something first." }] });
    await expect(createNote(t.scopes.investigator, { body: "x".repeat(20_001) })).rejects.toMatchObject({ issues: [{ message: "Use at most 20,000 characters." }] });
    expect(await createNote(t.scopes.investigator, { body: "x".repeat(20_000) })).toMatchObject({ eventId: null });
    expect((await auditRows(t.caseId)).map((r) => r.action)).toEqual(["note.create"]);
    expect((await auditRows(elsewhere.caseId)).map((r) => r.action)).toEqual(["note.create"]);
  });
});

describe("tags and marks", () => {
  it("adds tags in normal form, idempotently, removes them, sets and clears marks, and audits real changes only", async () => {
    const t = await team();
    const s = t.scopes.investigator;
    expect(await addEventTag(s, "evt-1", "  Malicious ")).toEqual({ eventId: "evt-1", tag: "malicious", added: true });
    expect(await addEventTag(t.scopes.other, "evt-1", "malicious")).toEqual({ eventId: "evt-1", tag: "malicious", added: false });
    expect(await addEventTag(s, "evt-1", "attack:t1078.004")).toEqual({ eventId: "evt-1", tag: "attack:t1078.004", added: true });
    expect(await addEventTag(s, "evt-2", "malicious")).toEqual({ eventId: "evt-2", tag: "malicious", added: true });
    expect(await addEventTag(s, "evt-3", "benign")).toEqual({ eventId: "evt-3", tag: "benign", added: true });
    expect(await removeEventTag(t.scopes.lead, "evt-2", "MALICIOUS")).toEqual({ eventId: "evt-2", tag: "malicious", removed: true });
    expect(await removeEventTag(s, "evt-2", "malicious")).toEqual({ eventId: "evt-2", tag: "malicious", removed: false });
    expect(await setEventMark(s, "evt-1", "star")).toEqual({ eventId: "evt-1", kind: "star", changed: true });
    expect(await setEventMark(s, "evt-1", "evidence")).toEqual({ eventId: "evt-1", kind: "evidence", changed: true });
    expect(await setEventMark(s, "evt-1", "star")).toEqual({ eventId: "evt-1", kind: "star", changed: false });
    expect(await setEventMark(s, "evt-4", "star")).toEqual({ eventId: "evt-4", kind: "star", changed: true });
    expect(await clearEventMark(s, "evt-4", "star")).toEqual({ eventId: "evt-4", kind: "star", changed: true });
    expect(await clearEventMark(s, "evt-4", "star")).toEqual({ eventId: "evt-4", kind: "star", changed: false });
    await createNote(s, { eventId: "evt-3", body: "benign: the backup job" });

    expect(await listEventAnnotations(t.scopes.viewer, ["evt-1", "evt-2", "evt-3", "evt-4", "foreign-evt-9"])).toEqual({
      "evt-1": { tags: ["attack:t1078.004", "malicious"], marks: ["star", "evidence"], notes: 0 },
      "evt-3": { tags: ["benign"], marks: [], notes: 1 },
    });
    expect(await countCaseTags(t.scopes.viewer)).toEqual([
      { tag: "attack:t1078.004", count: 1 },
      { tag: "benign", count: 1 },
      { tag: "malicious", count: 1 },
    ]);
    expect(suggestTags(["malicious", "attack:t1078.004"], ["malicious"])).toEqual([
      "attack:t1078.004",
      "benign",
      "persistence",
      "exfiltration",
      "recon",
      "false-positive",
    ]);

    const audit = (await auditRows(t.caseId)).map((r) => [r.action, r.target_type, r.target_id, r.detail]);
    expect(audit).toEqual([
      ["tag.add", "event", "evt-1", { tag: "malicious" }],
      ["tag.add", "event", "evt-1", { tag: "attack:t1078.004" }],
      ["tag.add", "event", "evt-2", { tag: "malicious" }],
      ["tag.add", "event", "evt-3", { tag: "benign" }],
      ["tag.remove", "event", "evt-2", { tag: "malicious" }],
      ["mark.set", "event", "evt-1", { kind: "star" }],
      ["mark.set", "event", "evt-1", { kind: "evidence" }],
      ["mark.set", "event", "evt-4", { kind: "star" }],
      ["mark.clear", "event", "evt-4", { kind: "star" }],
      ["note.create", "note", expect.any(String), { eventId: "evt-3", length: 22 }],
    ]);
  });

  it("refuses attacker strings as tags, viewers, and another case's events", async () => {
    const t = await team();
    const elsewhere = await team(["foreign-evt-9"]);
    const s = t.scopes.investigator;
    const TAG_RULE = 'A tag is 1–40 characters of lower-case letters, digits, ".", "_", ":" and "-".';
    for (const bad of ["<script>alert(1)</script>", "'; DROP TABLE event_tags; --", "two words", "", "a".repeat(41), "mal\u0000icious", "évasion"]) {
      await expect(addEventTag(s, "evt-1", bad), JSON.stringify(bad)).rejects.toMatchObject({ issues: [{ message: TAG_RULE }] });
    }
    // The database refuses them too, whoever writes.
    await expect(
      getPool().query("INSERT INTO event_tags (case_id, event_id, tag) VALUES ($1, 'evt-1', '<b>x</b>')", [t.caseId]),
    ).rejects.toMatchObject({ constraint: "event_tags_tag_check" });
    await expect(getPool().query("INSERT INTO event_marks (case_id, event_id, kind) VALUES ($1, 'evt-1', 'pin')", [t.caseId])).rejects.toMatchObject({
      constraint: "event_marks_kind_check",
    });
    await expectNotFound(addEventTag(t.scopes.viewer, "evt-1", "malicious"));
    await expectNotFound(removeEventTag(t.scopes.viewer, "evt-1", "malicious"));
    await expectNotFound(setEventMark(t.scopes.viewer, "evt-1", "star"));
    await expectNotFound(clearEventMark(t.scopes.viewer, "evt-1", "star"));
    await expectNotFound(addEventTag(s, "foreign-evt-9", "malicious"), NO_EVENT);
    await expectNotFound(setEventMark(s, "foreign-evt-9", "evidence"), NO_EVENT);
    await expectNotFound(removeEventTag(s, "foreign-evt-9", "malicious"), NO_EVENT);
    await expectNotFound(clearEventMark(s, "foreign-evt-9", "star"), NO_EVENT);
    const counts = await getPool().query<{ n: number }>(
      "SELECT (SELECT count(*) FROM event_tags WHERE case_id = ANY($1::uuid[]))::int + (SELECT count(*) FROM event_marks WHERE case_id = ANY($1::uuid[]))::int AS n",
      [[t.caseId, elsewhere.caseId]],
    );
    expect(counts.rows[0]?.n).toBe(0);
    expect(await auditRows(t.caseId)).toEqual([]);
  });
});

describe("tag:, is: and has:note in the filter language", () => {
  it("return exactly this case's annotated events, never the other case's with the same ids", async () => {
    const a = await team();
    const b = await team();
    // Case A: evt-1 malicious + starred + evidence; evt-2 malicious + benign; evt-3 benign + note; evt-5 starred.
    await addEventTag(a.scopes.lead, "evt-1", "malicious");
    await addEventTag(a.scopes.lead, "evt-2", "malicious");
    await addEventTag(a.scopes.lead, "evt-2", "benign");
    await addEventTag(a.scopes.lead, "evt-3", "benign");
    await setEventMark(a.scopes.lead, "evt-1", "star");
    await setEventMark(a.scopes.lead, "evt-1", "evidence");
    await setEventMark(a.scopes.lead, "evt-5", "star");
    await createNote(a.scopes.lead, { eventId: "evt-3", body: "checked" });
    await createNote(a.scopes.lead, { body: "a case note is on no event" });
    // Case B annotates the other events under the same ids.
    await addEventTag(b.scopes.lead, "evt-4", "malicious");
    await addEventTag(b.scopes.lead, "evt-1", "benign");
    await setEventMark(b.scopes.lead, "evt-3", "star");
    await setEventMark(b.scopes.lead, "evt-4", "evidence");
    await createNote(b.scopes.lead, { eventId: "evt-4", body: "theirs" });

    const ids = async (scope: CaseScope, q: string) => (await findEvents(scope, { filter: parseFilter(q) })).rows.map((r) => r.eventId);
    const s = a.scopes.investigator;
    expect(await ids(s, "tag:malicious")).toEqual(["evt-2", "evt-1"]);
    expect(await ids(s, "tag:MALICIOUS")).toEqual(["evt-2", "evt-1"]);
    expect(await ids(s, "-tag:benign")).toEqual(["evt-5", "evt-4", "evt-1"]);
    expect(await ids(s, "tag:malicious -tag:benign")).toEqual(["evt-1"]);
    expect(await ids(s, "tag:malicious tag:benign")).toEqual(["evt-3", "evt-2", "evt-1"]);
    expect(await ids(s, "is:starred")).toEqual(["evt-5", "evt-1"]);
    expect(await ids(s, "is:evidence")).toEqual(["evt-1"]);
    expect(await ids(s, "-is:starred")).toEqual(["evt-4", "evt-3", "evt-2"]);
    expect(await ids(s, "has:note")).toEqual(["evt-3"]);
    expect(await ids(s, "-has:note")).toEqual(["evt-5", "evt-4", "evt-2", "evt-1"]);
    expect(await ids(s, "tag:persistence")).toEqual([]);
    expect(await countEvents(s, parseFilter("tag:malicious"))).toEqual({ total: 2, exact: true, undated: 0 });

    // The table's annotations and the tag counts read this case only, though case B uses the same ids.
    expect(await listEventAnnotations(s, EVENTS)).toEqual({
      "evt-1": { tags: ["malicious"], marks: ["star", "evidence"], notes: 0 },
      "evt-2": { tags: ["benign", "malicious"], marks: [], notes: 0 },
      "evt-3": { tags: ["benign"], marks: [], notes: 1 },
      "evt-5": { tags: [], marks: ["star"], notes: 0 },
    });
    expect(await countCaseTags(s)).toEqual([
      { tag: "benign", count: 2 },
      { tag: "malicious", count: 2 },
    ]);
    expect((await listNotesOnEvents(s)).notes.map((n) => [n.eventId, n.body])).toEqual([["evt-3", "checked"]]);

    const t = b.scopes.investigator;
    expect(await ids(t, "tag:malicious")).toEqual(["evt-4"]);
    expect(await ids(t, "-tag:benign")).toEqual(["evt-5", "evt-4", "evt-3", "evt-2"]);
    expect(await ids(t, "is:starred")).toEqual(["evt-3"]);
    expect(await ids(t, "is:evidence")).toEqual(["evt-4"]);
    expect(await ids(t, "has:note")).toEqual(["evt-4"]);
  });
});

describe("the event's notes panel", () => {
  it("shows hostile note text and author names as text, with exactly the controls the reader may use", async () => {
    const lead = await seedUser({ name: "<img src=x onerror=alert(1)>" });
    const viewer = await seedUser({ name: "Vera Viewer" });
    const c = await seedCase(lead);
    await addMember(c.id, viewer, "viewer");
    await seedEvents(c.id, ["evt-1"]);
    const leadScope = await resolveCaseScope(lead.id, c.id, "bookmarks:write");
    await createNote(leadScope, { eventId: "evt-1", body: "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![t](https://tracker.example/p.png)" });
    await addEventTag(leadScope, "evt-1", "malicious");
    await setEventMark(leadScope, "evt-1", "evidence");

    const render = async (scope: CaseScope) =>
      renderToStaticMarkup(createElement(EventAnnotationsPanel, { caseId: c.id, eventId: "evt-1", data: await getEventNotesPanel(scope, "evt-1") }));
    const forLead = await render(leadScope);
    expect(forLead).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(forLead).toContain("<b>&lt;img src=x onerror=alert(1)&gt;</b>");
    expect(forLead).toContain('<span class="md-link-refused">x</span>');
    expect(forLead).toContain('<span class="md-image">[image: t]</span>');
    expect(forLead).not.toMatch(/<script|<img|javascript:|tracker\.example/);
    expect(forLead).toContain(`<a href="/cases/${c.id}/events?q=tag%3Amalicious">malicious</a>`);
    expect([...forLead.matchAll(/aria-label="(Edit note|Delete note|Remove tag malicious|Add a note to this event)"/g)].map((m) => m[1])).toEqual([
      "Remove tag malicious",
      "Edit note",
      "Delete note",
      "Add a note to this event",
    ]);
    expect(forLead).toContain('<button type="button" class="btn" aria-pressed="true" data-testid="mark-evidence">✓ Evidence</button>');

    const forViewer = await render(await resolveCaseScope(viewer.id, c.id, "case:read"));
    expect(forViewer).not.toMatch(/<button|<textarea|<input/);
    expect(forViewer).toContain('<span class="badge">✓ Evidence</span>');
  });
});
