import Link from "next/link";
import { formatUtc } from "@/lib/format/format-utc";
import type { LineageIssued } from "@/lib/lineage/lineage-types";

const muted = { color: "var(--muted)" } as const;

/**
 * One issuing call: when (UTC), which API (linking to the event), who called it, from where, and what
 * the session carried (sourceIdentity, Identity Center / SAML user), plus the accounts of a
 * cross-account hop. Every value is CloudTrail text, rendered as React text only.
 */
export function LineageHop({ caseId, hop }: { caseId: string; hop: LineageIssued }) {
  const crossAccount = hop.callerAccountId && hop.recipientAccountId && hop.callerAccountId !== hop.recipientAccountId;
  const userName = hop.callerUserName && !(hop.callerArn ?? "").endsWith(`/${hop.callerUserName}`) ? hop.callerUserName : null;
  return (
    <span className="small" data-testid="lineage-hop" data-event-id={hop.eventID}>
      <span style={muted}>issued</span> <span className="mono">{hop.eventTime ? formatUtc(hop.eventTime) : "no usable time"}</span>{" "}
      <Link href={`/cases/${encodeURIComponent(caseId)}/events/${encodeURIComponent(hop.eventID)}`}>{hop.eventName ?? "(no eventName)"}</Link>{" "}
      <span style={muted}>by</span> <span className="mono" style={{ overflowWrap: "anywhere" }}>{hop.callerArn ?? hop.callerUserName ?? "—"}</span>
      {userName ? (
        <>
          {" "}
          <span style={muted}>user</span> <span className="mono">{userName}</span>
        </>
      ) : null}
      {hop.sourceIPAddress ? (
        <>
          {" "}
          <span style={muted}>from</span> <span className="mono">{hop.sourceIPAddress}</span>
        </>
      ) : null}
      {hop.sourceIdentity ? (
        <>
          {" "}
          <span style={muted}>sourceIdentity</span> <span className="mono">{hop.sourceIdentity}</span>
        </>
      ) : null}
      {hop.invokedBy ? (
        <>
          {" "}
          <span style={muted}>via</span> <span className="mono">{hop.invokedBy}</span>
        </>
      ) : null}
      {crossAccount ? (
        <>
          {" "}
          <span style={muted}>account</span>{" "}
          <span className="mono">
            {hop.callerAccountId} → {hop.recipientAccountId}
          </span>
        </>
      ) : null}
    </span>
  );
}
