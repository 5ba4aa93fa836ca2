import type { Event } from "@/lib/db/generated/client";
import { identityHref } from "@/lib/identities/identity-href";
import { indicatorSearchHref } from "@/lib/indicators/indicator-search-href";
import { lineageHref } from "@/lib/lineage/lineage-href";

export type EventExtraLink = { label: string; href: string };

/**
 * Links from an event beyond its filter pivots: the credential lineage of the key it was made with (and
 * of the key it issued), the identity pages of its principal, role and key, and the cross-case search
 * for its IP, key, principal and user agent.
 */
export function eventExtraLinks(caseId: string, e: Event): EventExtraLink[] {
  const links: EventExtraLink[] = [];
  if (e.accessKeyId) links.push({ label: "credential lineage of this key", href: lineageHref(caseId, e.accessKeyId) });
  if (e.issuedAccessKeyId) links.push({ label: "credential lineage of the key it issued", href: lineageHref(caseId, e.issuedAccessKeyId) });
  if (e.principalArn) links.push({ label: "identity page of the principal", href: identityHref(caseId, "principal", e.principalArn) });
  if (e.sessionIssuerArn) links.push({ label: "identity page of the role", href: identityHref(caseId, "role", e.sessionIssuerArn) });
  if (e.accessKeyId) links.push({ label: "identity page of the key", href: identityHref(caseId, "key", e.accessKeyId) });
  // "Has this appeared in any other case?" (only cases the user may read events of).
  if (e.sourceIpAddress) links.push({ label: "this IP in all my cases", href: indicatorSearchHref(e.sourceIpAddress) });
  if (e.accessKeyId) links.push({ label: "this key in all my cases", href: indicatorSearchHref(e.accessKeyId) });
  if (e.principalArn) links.push({ label: "this principal in all my cases", href: indicatorSearchHref(e.principalArn) });
  if (e.userAgent) links.push({ label: "this user agent in all my cases", href: indicatorSearchHref(e.userAgent) });
  return links;
}
