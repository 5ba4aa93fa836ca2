// One event in full: pivots, every normalised field (identity-bearing ones with a one-click pivot),
// provenance and the verbatim record. Rendered by the event page and by the drawer on the events page.
// Every value is attacker-controlled CloudTrail text, rendered only as React text nodes.
import Link from "next/link";
import type { ReactNode } from "react";
import { EventDeviationsPanel } from "@/components/events/event-deviations";
import { CopyButton } from "@/components/ui/copy-button";
import type { EventDeviations } from "@/lib/baselines/get-event-deviations";
import type { EventColumnId } from "@/lib/events/event-columns";
import { eventsViewHref } from "@/lib/events/events-view";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import type { EventDetail } from "@/lib/events/get-event-detail";
import type { EventExtraLink } from "@/lib/events/event-extra-links";
import { equalsTerm, type PivotLink } from "@/lib/events/pivot-links";
import { formatUtc } from "@/lib/format/format-utc";

export function EventDetailView({
  caseId,
  detail,
  pivots,
  cols,
  extraLinks = [],
  headingLevel = 1,
  actions,
  deviations = null,
  annotations,
}: {
  caseId: string;
  detail: EventDetail;
  pivots: PivotLink[];
  cols?: EventColumnId[];
  /** Links beyond the filter pivots: credential lineage, identity pages. */
  extraLinks?: EventExtraLink[];
  headingLevel?: 1 | 2;
  actions?: ReactNode;
  /** How the event departs from its identity's baseline (issue #10), when it does. */
  deviations?: EventDeviations | null;
  /** The event's notes, tags and marks (issue #8; components/notes/event-annotations-panel.tsx). */
  annotations?: ReactNode;
}) {
  const e = detail.event;
  const pivotHref = (field: FilterFieldName, value: string) => eventsViewHref(caseId, { q: equalsTerm(field, value), cols: cols ?? [] }, { event: e.eventId });
  const fields: [string, string | null, FilterFieldName?][] = [
    ["eventTime (UTC)", e.eventTime ? formatUtc(e.eventTime) : null],
    ["eventName", e.eventName, "eventName"],
    ["eventSource", e.eventSource, "eventSource"],
    ["awsRegion", e.awsRegion, "awsRegion"],
    ["userIdentity.type", e.identityType, "userIdentity.type"],
    ["userIdentity.arn", e.principalArn, "userIdentity.arn"],
    ["userIdentity.principalId", e.principalId, "userIdentity.principalId"],
    ["userIdentity.accountId", e.principalAccountId, "userIdentity.accountId"],
    ["userName", e.userName, "userIdentity.userName"],
    ["userIdentity.accessKeyId", e.accessKeyId, "userIdentity.accessKeyId"],
    ["sessionIssuer.arn", e.sessionIssuerArn, "sessionIssuer"],
    ["sessionName", e.sessionName, "sessionName"],
    ["sourceIdentity", e.sourceIdentity, "sourceIdentity"],
    ["invokedBy", e.invokedBy, "invokedBy"],
    ["mfaAuthenticated", e.mfaAuthenticated === null ? null : String(e.mfaAuthenticated)],
    ["sourceIPAddress", e.sourceIpAddress, "sourceIPAddress"],
    ["source kind", e.sourceKind, "ipKind"],
    ["source country", e.sourceCountry, "country"],
    ["source ASN", e.sourceAsn === null ? null : String(e.sourceAsn), "asn"],
    ["source AS organisation", e.sourceAsOrg, "asOrg"],
    ["userAgent", e.userAgent, "userAgent"],
    ["tool", e.tool, "tool"],
    ["tool version", e.toolVersion, "toolVersion"],
    ["errorCode", e.errorCode, "errorCode"],
    ["errorMessage", e.errorMessage],
    ["readOnly", e.readOnly === null ? null : String(e.readOnly)],
    ["eventType", e.eventType, "eventType"],
    ["eventCategory", e.eventCategory, "eventCategory"],
    ["recipientAccountId", e.recipientAccountId, "recipientAccountId"],
    ["vpcEndpointId", e.vpcEndpointId, "vpcEndpointId"],
    ["requestID", e.requestId, "requestID"],
    ["sharedEventID", e.sharedEventId, "sharedEventID"],
    ["issued access key", e.issuedAccessKeyId, "userIdentity.accessKeyId"],
    ["resources", e.resources.length ? e.resources.join("\n") : null],
    ["eventID", e.eventId],
    ["flags", e.flags.length ? e.flags.join(", ") : null],
  ];
  const p = detail.provenance;
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const Sub = headingLevel === 1 ? "h2" : "h3";
  return (
    <>
      <div className="row">
        <Heading style={{ margin: 0 }}>{e.eventName ?? "(no eventName)"}</Heading>
        <span className="muted">{e.eventTime ? formatUtc(e.eventTime) : "no usable eventTime"}</span>
        <span className="spacer" />
        {actions}
      </div>
      <EventDeviationsPanel deviations={deviations} />
      {annotations}
      <section className="panel" aria-label="Pivot">
        <Sub style={{ marginTop: 0 }}>Pivot</Sub>
        <ul className="pivots" aria-label="Pivots">
          {pivots.map((pivot) => (
            <li key={pivot.label}>
              <Link href={pivot.href}>{pivot.label}</Link> <span className="mono muted">{pivot.value}</span>
            </li>
          ))}
          {extraLinks.map((link) => (
            <li key={link.label}>
              <Link href={link.href}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Fields">
        <Sub style={{ marginTop: 0 }}>Fields</Sub>
        <table className="data fields" aria-label="Event fields">
          <tbody>
            {fields.map(([name, value, field]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td data-field={name}>{value ?? "—"}</td>
                <td className="pivot-cell">
                  {value !== null && field ? (
                    <Link href={pivotHref(field, value)} aria-label={`Pivot on ${name}`} title={`Every event with this ${name}`}>
                      pivot
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-label="Provenance">
        <Sub style={{ marginTop: 0 }}>Provenance</Sub>
        <p className="mono" data-testid="provenance">
          record {p.position + 1} of {p.path} ({p.format ?? "?"}, {p.size.toLocaleString("en-US")} bytes) · sha256 {p.sha256 ?? "—"} · ingested{" "}
          {formatUtc(p.ingestedAt)} from {p.runLabel}
        </p>
      </section>
      <section className="panel" aria-label="Raw record">
        <div className="row">
          <Sub style={{ margin: 0 }}>Raw record</Sub>
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
      </section>
    </>
  );
}
