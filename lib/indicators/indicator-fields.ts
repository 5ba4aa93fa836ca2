/**
 * The event columns an indicator is looked up in, as data: the name a result carries, the `events`
 * column, the filter-language field that selects the same rows on the events page, and a label.
 * Pure (no database, no Next): the results page and the search read this one table.
 */
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";

export const INDICATOR_FIELD_NAMES = [
  "sourceIPAddress",
  "accessKeyId",
  "issuedAccessKeyId",
  "principalArn",
  "sessionIssuer",
  "principalId",
  "userAgent",
  "userName",
  "resource",
] as const;
export type IndicatorField = (typeof INDICATOR_FIELD_NAMES)[number];

export type IndicatorFieldSpec = {
  /** The `events` column; a constant of this table, never input. */
  readonly column: string;
  /** TEXT[] columns match when any element equals the value (`@>`), like the filter's `resources.ARN:`. */
  readonly isList: boolean;
  readonly filterField: FilterFieldName;
  readonly label: string;
  /** Whether a `(case_id, column …)` index serves the lookup; the others scan each searched case. */
  readonly isIndexed: boolean;
};

export const INDICATOR_FIELDS: Readonly<Record<IndicatorField, IndicatorFieldSpec>> = {
  sourceIPAddress: { column: "source_ip_address", isList: false, filterField: "sourceIPAddress", label: "Source IP", isIndexed: true },
  accessKeyId: { column: "access_key_id", isList: false, filterField: "userIdentity.accessKeyId", label: "Access key used", isIndexed: true },
  issuedAccessKeyId: { column: "issued_access_key_id", isList: false, filterField: "issuedAccessKeyId", label: "Access key issued", isIndexed: true },
  principalArn: { column: "principal_arn", isList: false, filterField: "userIdentity.arn", label: "Principal ARN", isIndexed: true },
  sessionIssuer: { column: "session_issuer_arn", isList: false, filterField: "sessionIssuer", label: "Session issuer (role)", isIndexed: true },
  principalId: { column: "principal_id", isList: false, filterField: "userIdentity.principalId", label: "Principal id", isIndexed: false },
  userAgent: { column: "user_agent", isList: false, filterField: "userAgent", label: "User agent", isIndexed: false },
  userName: { column: "user_name", isList: false, filterField: "userIdentity.userName", label: "User name", isIndexed: false },
  resource: { column: "resources", isList: true, filterField: "resources.ARN", label: "Resource touched", isIndexed: false },
};
