import Link from "next/link";
import { formatUtc } from "@/lib/format/format-utc";

/** States the incident window that the "new" marks refer to, or how to set one. */
export function WindowNotice({ caseId, window }: { caseId: string; window: { start: Date | null; end: Date | null } | null }) {
  if (!window) {
    return (
      <p className="notice" data-testid="window-notice">
        No incident window is set, so nothing is marked new. A case lead sets it on the <Link href={`/cases/${caseId}`}>case page</Link> (UTC start and
        end); then every identity, key, IP, user agent, region, service and call first seen inside it is marked <b>new</b>.
      </p>
    );
  }
  return (
    <p className="muted" data-testid="window-notice">
      Incident window: {window.start ? formatUtc(window.start) : "open"} → {window.end ? formatUtc(window.end) : "open"}. Items marked{" "}
      <b>new</b> were first seen inside it. <Link href={`/cases/${caseId}`}>Change it</Link>
    </p>
  );
}
