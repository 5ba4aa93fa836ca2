import Link from "next/link";
import { formatTerm } from "@/lib/events/filter/format-filter";
import { lineageHref } from "@/lib/lineage/lineage-href";

/** Filter-language text for one key: `op` "eq" (events made with it) or "lineage" (and with every key derived from it). */
export function keyQuery(op: "eq" | "lineage", key: string): string {
  return formatTerm({ kind: "field", field: "userIdentity.accessKeyId", negated: false, op, value: key });
}

export function eventsHref(caseId: string, query: string): string {
  return `/cases/${encodeURIComponent(caseId)}/events?${new URLSearchParams({ q: query })}`;
}

/**
 * A key as shown in the tree: the key itself (text only: CloudTrail content), the number of events made
 * with it linking to those events, and a link to its own lineage unless it is the page's key.
 */
export function LineageKey({ caseId, keyId, count, isCurrent }: { caseId: string; keyId: string; count: number; isCurrent: boolean }) {
  return (
    <span data-testid="lineage-key" data-key={keyId}>
      <b className="mono" style={{ overflowWrap: "anywhere" }}>
        {keyId}
      </b>{" "}
      {isCurrent ? <span className="badge succeeded">this key</span> : null}{" "}
      <Link href={eventsHref(caseId, keyQuery("eq", keyId))} data-testid="lineage-key-events">
        {count.toLocaleString("en-US")} {count === 1 ? "event" : "events"}
      </Link>
      {isCurrent ? null : (
        <>
          {" · "}
          <Link href={lineageHref(caseId, keyId)} data-testid="lineage-key-lineage">
            lineage
          </Link>
        </>
      )}
    </span>
  );
}
