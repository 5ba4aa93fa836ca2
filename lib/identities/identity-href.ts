import type { IdentityKind } from "@/lib/identities/identity-kind";

/**
 * The identity page of a principal ARN, a role ARN or an access key: `/cases/<caseId>/identities/<kind>?value=<v>`.
 * The value travels in the query string, not the path: ARNs hold "/" and ":" and can be kilobytes long.
 */
export function identityHref(caseId: string, kind: IdentityKind, value: string): string {
  return `/cases/${encodeURIComponent(caseId)}/identities/${kind}?${new URLSearchParams({ value })}`;
}
