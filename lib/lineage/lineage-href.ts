/** The lineage page of an access key in a case: a URL other pages link to (the key is query-encoded). Pure. */
export function lineageHref(caseId: string, key: string): string {
  return `/cases/${encodeURIComponent(caseId)}/lineage?${new URLSearchParams({ key })}`;
}
