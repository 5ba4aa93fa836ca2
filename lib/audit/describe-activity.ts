// Pure: one audit entry as a line of the case's activity feed ("who did what", and a link to the object
// when the reader may open it). Every string from the entry is returned as data, rendered as React text.
import type { AuditEntry } from "@/lib/audit/audit-entry";
import { can, type CasePermission } from "@/lib/auth/permissions";
import type { CaseRole } from "@/lib/db/generated/enums";

export type ActivityItem = {
  id: string;
  at: string;
  action: string;
  /** Who: the member's name, else the recorded label ("worker", "operator"), else "Someone". */
  actor: string;
  /** What, without the actor: "bookmarked “Root login”". */
  text: string;
  href: string | null;
};

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const quoted = (v: unknown, fallback: string) => {
  const s = str(v);
  return s ? `“${s.length > 120 ? `${s.slice(0, 120)}…` : s}”` : fallback;
};

export function describeActivity(e: AuditEntry, role: CaseRole): ActivityItem {
  const base = `/cases/${e.caseId ?? ""}`;
  const d = e.detail;
  const link = (permission: CasePermission, href: string) => (can(role, permission) ? href : null);
  const eventHref = (eventId: unknown) => {
    const id = str(eventId);
    return id ? link("events:read", `${base}/events/${encodeURIComponent(id)}`) : null;
  };
  const actor = e.actorName ?? (e.actorLabel && e.actorId === null ? e.actorLabel : null) ?? e.actorEmail ?? "Someone";
  const item = (text: string, href: string | null): ActivityItem => ({ id: e.id, at: e.at, action: e.action, actor, text, href });

  switch (e.action) {
    case "case.create":
      return item("created the case", base);
    case "case.update":
      return item(`changed the case's ${str(d.setting)?.replace(/-/g, " ") ?? "settings"}`, `${base}/settings`);
    case "ingest.start":
      return item(`started ingesting ${quoted(d.sourceLabel, "evidence")}${str(d.sourceKind) ? ` (${str(d.sourceKind)})` : ""}`, link("evidence:write", `${base}/evidence`));
    case "ingest.finish": {
      const inserted = num(d.inserted);
      const state = str(d.state) ?? "finished";
      return item(`finished an ingest run: ${state}${inserted !== null ? `, ${inserted.toLocaleString("en-US")} new events` : ""}`, link("evidence:write", `${base}/evidence`));
    }
    case "ingest.cancel":
      return item("cancelled an ingest run", link("evidence:write", `${base}/evidence`));
    case "bookmark.create":
      return item(`bookmarked ${quoted(d.title, "a view")}`, `${base}/bookmarks`);
    case "bookmark.update": {
      const pinned = Array.isArray(d.pinned) ? d.pinned.length : null;
      const unpinned = Array.isArray(d.unpinned) ? d.unpinned.length : null;
      if (pinned !== null) return item(`pinned ${pinned} event${pinned === 1 ? "" : "s"} to a bookmark`, `${base}/bookmarks`);
      if (unpinned !== null) return item(`unpinned ${unpinned} event${unpinned === 1 ? "" : "s"} from a bookmark`, `${base}/bookmarks`);
      return item(`edited the bookmark ${quoted(d.title, "")}`.trimEnd(), `${base}/bookmarks`);
    }
    case "bookmark.delete":
      return item("deleted a bookmark", null);
    case "note.create":
    case "note.update":
    case "note.delete": {
      const verb = e.action === "note.create" ? "wrote" : e.action === "note.update" ? "edited" : "deleted";
      const onEvent = str(d.eventId);
      const href = e.action === "note.delete" ? null : onEvent ? eventHref(onEvent) : `${base}/notes`;
      return item(`${verb} a note${onEvent ? " on an event" : " on the case"}`, href);
    }
    case "tag.add":
      return item(`tagged an event ${quoted(d.tag, "")}`.trimEnd(), eventHref(e.targetId));
    case "tag.remove":
      return item(`removed the tag ${quoted(d.tag, "")} from an event`.replace("  ", " "), eventHref(e.targetId));
    case "mark.set":
      return item(`marked an event${str(d.kind) ? ` as ${str(d.kind)}` : ""}`, eventHref(e.targetId));
    case "mark.clear":
      return item(`cleared the mark${str(d.kind) ? ` ${str(d.kind)}` : ""} of an event`, eventHref(e.targetId));
    case "finding.triage":
      return item(`triaged the finding ${quoted(d.title, "")} as ${str(d.status)?.replace(/-/g, " ") ?? "reviewed"}`.replace("  ", " "), link("events:read", `${base}/findings`));
    case "detections.run":
      return item("re-ran the detections", link("events:read", `${base}/findings`));
    case "report.create":
      return item(`exported the report ${str(d.identifier) ?? ""}${str(d.format) ? ` (${str(d.format)})` : ""}`.trimEnd(), `${base}/reports`);
    case "member.add":
      return item(`added ${str(d.email) ?? "a member"}${str(d.role) ? ` as ${str(d.role)}` : ""}`, `${base}/members`);
    case "member.role":
      return item(`changed a member's role${str(d.from) && str(d.to) ? ` from ${str(d.from)} to ${str(d.to)}` : ""}`, `${base}/members`);
    case "member.remove":
      return item("removed a member", `${base}/members`);
    default:
      return item(e.action, null);
  }
}
