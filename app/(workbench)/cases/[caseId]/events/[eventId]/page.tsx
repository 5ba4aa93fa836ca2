import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/ui/copy-button";
import { casePage } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";
import { getEventDetail } from "@/lib/events/get-event-detail";
import { formatUtc } from "@/lib/format/format-utc";
import { pivotLinks } from "@/lib/events/pivot-links";

export const metadata: Metadata = { title: "Event" };
export const dynamic = "force-dynamic";

export default async function EventPage({ params }: { params: Promise<{ caseId: string; eventId: string }> }) {
  const scope = await casePage(params, "events:read");
  const { eventId } = await params;
  const detail = await getEventDetail(scope, decodeURIComponent(eventId)).catch((err: unknown) => {
    if (isExpectedError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const e = detail.event;
  const fields: [string, string | null][] = [
    ["eventTime (UTC)", e.eventTime ? formatUtc(e.eventTime) : null],
    ["eventName", e.eventName],
    ["eventSource", e.eventSource],
    ["awsRegion", e.awsRegion],
    ["userIdentity.type", e.identityType],
    ["userIdentity.arn", e.principalArn],
    ["userIdentity.principalId", e.principalId],
    ["userIdentity.accountId", e.principalAccountId],
    ["userName", e.userName],
    ["userIdentity.accessKeyId", e.accessKeyId],
    ["sessionIssuer.arn", e.sessionIssuerArn],
    ["sessionName", e.sessionName],
    ["sourceIdentity", e.sourceIdentity],
    ["invokedBy", e.invokedBy],
    ["mfaAuthenticated", e.mfaAuthenticated === null ? null : String(e.mfaAuthenticated)],
    ["sourceIPAddress", e.sourceIpAddress],
    ["userAgent", e.userAgent],
    ["errorCode", e.errorCode],
    ["errorMessage", e.errorMessage],
    ["readOnly", e.readOnly === null ? null : String(e.readOnly)],
    ["eventType", e.eventType],
    ["eventCategory", e.eventCategory],
    ["recipientAccountId", e.recipientAccountId],
    ["requestID", e.requestId],
    ["sharedEventID", e.sharedEventId],
    ["issued access key", e.issuedAccessKeyId],
    ["eventID", e.eventId],
    ["flags", e.flags.length ? e.flags.join(", ") : null],
  ];
  const p = detail.provenance;
  return (
    <>
      <div className="row">
        <h1>{e.eventName ?? "(no eventName)"}</h1>
        <span className="muted">
          <Link href={`/cases/${scope.caseId}/events`}>Events</Link> · {e.eventTime ? formatUtc(e.eventTime) : "no usable eventTime"}
        </span>
      </div>
      <div className="panel">
        <h2 style={{ marginTop: 0 }}>Pivot</h2>
        <ul className="pivots" aria-label="Pivots">
          {pivotLinks(scope.caseId, e).map((pivot) => (
            <li key={pivot.label}>
              <Link href={pivot.href}>{pivot.label}</Link> <span className="mono muted">{pivot.value}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="panel">
        <h2 style={{ marginTop: 0 }}>Fields</h2>
        <table className="data" aria-label="Event fields">
          <tbody>
            {fields.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td data-field={name}>{value ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="panel" aria-label="Provenance">
        <h2 style={{ marginTop: 0 }}>Provenance</h2>
        <p className="mono" data-testid="provenance">
          record {p.position + 1} of {p.path} ({p.format ?? "?"}, {p.size.toLocaleString("en-US")} bytes) · sha256 {p.sha256 ?? "—"} · ingested{" "}
          {formatUtc(p.ingestedAt)} from {p.runLabel}
        </p>
      </div>
      <div className="panel">
        <div className="row">
          <h2 style={{ margin: 0 }}>Raw record</h2>
          <span className="spacer" />
          {detail.raw.ok ? <CopyButton text={detail.raw.json} label="Copy JSON" /> : null}
        </div>
        {detail.raw.ok ? (
          <pre className="raw-json" data-testid="raw-record">
            {detail.raw.json}
          </pre>
        ) : (
          <p className="form-error" role="alert">
            The verbatim record cannot be shown: {detail.raw.reason}
          </p>
        )}
      </div>
    </>
  );
}
