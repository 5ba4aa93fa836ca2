import type { Event } from "@/lib/db/generated/client";

export type EventExtraLink = { label: string; href: string };

/**
 * Links from an event beyond its filter pivots: the credential lineage of the key it was made with (and
 * of the key it issued), and the identity pages of its principal, role and key.
 */
export function eventExtraLinks(caseId: string, e: Event): EventExtraLink[] {
  const links: EventExtraLink[] = [];
  const lineage = (key: string) => `/cases/${caseId}/lineage?${new URLSearchParams({ key })}`;
  if (e.accessKeyId) links.push({ label: "credential lineage of this key", href: lineage(e.accessKeyId) });
  if (e.issuedAccessKeyId) links.push({ label: "credential lineage of the key it issued", href: lineage(e.issuedAccessKeyId) });
  return links;
}
