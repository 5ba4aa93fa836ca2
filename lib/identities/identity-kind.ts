import type { FilterFieldName } from "@/lib/events/filter/filter-fields";

/**
 * What an identity page can be about, as data. Each kind is one indexed `events` column
 * (events(case_id, <column>, event_time DESC)), so "every event of this identity" is one index range:
 * - `principal`: userIdentity.arn — an IAM user, the root user, one role session
 *   (`…:assumed-role/Role/Session`), a federated user, an Identity Center session …
 * - `role`: sessionContext.sessionIssuer.arn — every session of a role (or of a federating user);
 * - `key`: userIdentity.accessKeyId — long-term (AKIA…) or temporary (ASIA…).
 * `filterField` is the filter-language field for the same column, so the events page shows exactly
 * the events the profile counts. Pure: safe in client components.
 */
export const IDENTITY_KINDS = {
  principal: { column: "principal_arn", filterField: "userIdentity.arn", label: "Principal", plural: "Principals" },
  role: { column: "session_issuer_arn", filterField: "sessionIssuer", label: "Role", plural: "Roles" },
  key: { column: "access_key_id", filterField: "userIdentity.accessKeyId", label: "Access key", plural: "Access keys" },
} as const satisfies Record<string, { column: string; filterField: FilterFieldName; label: string; plural: string }>;

export type IdentityKind = keyof typeof IDENTITY_KINDS;

export const IDENTITY_KIND_NAMES = Object.keys(IDENTITY_KINDS) as IdentityKind[];

export function isIdentityKind(value: unknown): value is IdentityKind {
  return typeof value === "string" && Object.hasOwn(IDENTITY_KINDS, value);
}

/** The case's incident window; a null bound is open. Both null: no window is set. */
export type IncidentWindow = { start: Date | null; end: Date | null };

/**
 * One value seen in an identity's events (a key, an IP, a principal …) or one identity of a case.
 * `firstSeen`/`lastSeen` are over the events counted (null when they all lack a usable time);
 * `isNew`: first seen inside the incident window (always false when no window is set).
 */
export type IdentityItem = { value: string; count: number; firstSeen: Date | null; lastSeen: Date | null; isNew: boolean };

/** The top items of one list, and how many distinct values there are in all (`items` may be cut). */
export type IdentityItemList = { items: IdentityItem[]; distinct: number };
