// Every action the audit log records (issue #8). The database CHECK accepts any dotted lower-case name;
// this list is what the code may write and what the admin filter offers. B, C and D append the actions
// their features record; keep one action per line.
export const AUDIT_ACTIONS = [
  "auth.sign-in",
  "auth.sign-in-failed",
  "auth.sign-in-locked",
  "auth.sign-out",
  "auth.sso-sign-in",
  "case.create",
  "case.access",
  "case.update",
  "search.run",
  "export.download",
  "member.add",
  "member.role",
  "member.remove",
  "ingest.start",
  "ingest.finish",
  "ingest.cancel",
  "bookmark.create",
  "bookmark.update",
  "bookmark.delete",
  "finding.triage",
  "detections.run",
  "report.create",
  "user.create",
  "user.disable",
  "user.enable",
  "user.password-reset",
  "user.password-change",
  "user.role",
  "token.create",
  "token.revoke",
  "note.create",
  "note.update",
  "note.delete",
  "tag.add",
  "tag.remove",
  "mark.set",
  "mark.clear",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
