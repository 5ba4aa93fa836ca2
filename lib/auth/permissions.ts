// What each case role may do, as data (one table, no scattered ifs). Global admins manage users; they
// do not see a case's evidence unless they are a member of it.
import type { CaseRole } from "@/lib/db/generated/enums";

export const CASE_PERMISSIONS = [
  "case:read",
  "case:update",
  "members:manage",
  "events:read",
  "evidence:write",
  "bookmarks:write",
  "reports:read",
  /** The case's audit log (issue #8): leads only. */
  "audit:read",
] as const;
export type CasePermission = (typeof CASE_PERMISSIONS)[number];

export const CASE_ROLE_PERMISSIONS: Record<CaseRole, readonly CasePermission[]> = {
  lead: CASE_PERMISSIONS,
  investigator: ["case:read", "events:read", "evidence:write", "bookmarks:write", "reports:read"],
  viewer: ["case:read", "reports:read"],
};

export function can(role: CaseRole, permission: CasePermission): boolean {
  return CASE_ROLE_PERMISSIONS[role].includes(permission);
}
