import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventsByDayChart } from "@/components/identities/events-by-day-chart";
import { IdentityItemTable, type IdentityItemRow } from "@/components/identities/identity-item-table";
import { NewBadge } from "@/components/identities/new-badge";
import { WindowNotice } from "@/components/identities/window-notice";
import { casePage } from "@/lib/auth/guards";
import { getIdentityBaseline } from "@/lib/baselines/get-identity-baseline";
import { listIdentityDeviations } from "@/lib/baselines/list-identity-deviations";
import { isExpectedError } from "@/lib/errors";
import type { FilterTermValue } from "@/lib/events/filter/filter-ast";
import type { FilterFieldName } from "@/lib/events/filter/filter-fields";
import { formatUtc } from "@/lib/format/format-utc";
import { describePrincipalArn } from "@/lib/identities/describe-principal-arn";
import { getIdentityProfile } from "@/lib/identities/get-identity-profile";
import { identityEventsHref } from "@/lib/identities/identity-events-href";
import { identityHref } from "@/lib/identities/identity-href";
import { IDENTITY_KINDS, isIdentityKind, type IdentityItemList, type IdentityKind } from "@/lib/identities/identity-kind";

export const metadata: Metadata = { title: "Identity" };
export const dynamic = "force-dynamic";

const eq = (field: FilterFieldName, value: string): FilterTermValue => ({ kind: "field", field, negated: false, op: "eq", value });
const DENIED: FilterTermValue = { kind: "field", field: "errorCode", negated: false, op: "denied", value: true };
const MUTATING: FilterTermValue = { kind: "field", field: "readOnly", negated: false, op: "bool", value: false };
const lineageHref = (caseId: string, key: string) => `/cases/${caseId}/lineage?${new URLSearchParams({ key })}`;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export default async function IdentityPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string; kind: string }>;
  searchParams: Promise<{ value?: string | string[] }>;
}) {
  const scope = await casePage(params, "events:read");
  const { kind } = await params;
  const { value } = await searchParams;
  if (!isIdentityKind(kind) || typeof value !== "string" || value === "") notFound();
  const [p, deviations] = await Promise.all([
    getIdentityProfile(scope, { kind, value }).catch((err: unknown) => {
      if (isExpectedError(err) && err.code === "NOT_FOUND") notFound();
      throw err;
    }),
    listIdentityDeviations(scope, { kind, value }, { limit: 50 }),
  ]);
  const caseId = scope.caseId;
  // The baseline identity: a role for itself and its sessions, else the principal's own ARN.
  const baselineIdentity = kind === "role" ? value : kind === "principal" ? (p.roles.items.length === 1 ? p.roles.items[0]!.value : value) : null;
  const baseline = baselineIdentity ? await getIdentityBaseline(scope, baselineIdentity) : null;
  const hourList = (hours: number[]) => hours.map((h) => `${String(h).padStart(2, "0")}h`).join(" ");
  const events = (...extra: FilterTermValue[]) => identityEventsHref(caseId, kind, value, extra);
  const rows = (list: IdentityItemList, field: FilterFieldName, more: FilterTermValue[] = [], links?: (v: string) => IdentityItemRow["links"]) =>
    list.items.map((item) => ({ ...item, eventsHref: events(eq(field, item.value), ...more), links: links?.(item.value) }));
  const identityLinks = (k: IdentityKind) => (v: string) => (k === kind && v === value ? [] : [{ label: "profile", href: identityHref(caseId, k, v) }]);
  const keyLinks = (v: string) => [...identityLinks("key")(v), { label: "lineage", href: lineageHref(caseId, v) }];
  const { label } = IDENTITY_KINDS[kind];
  const hint = kind === "key" ? (value.startsWith("AKIA") ? "long-term access key" : value.startsWith("ASIA") ? "temporary access key" : "access key") : describePrincipalArn(value);

  return (
    <>
      <div className="row">
        <h1>
          {label} <NewBadge isNew={p.isNew} />
        </h1>
        <span className="muted">
          <Link href={`/cases/${caseId}`}>Case</Link> · <Link href={`/cases/${caseId}/identities`}>Identities</Link> · UTC
        </span>
      </div>
      <p className="mono" data-testid="identity-value" style={{ overflowWrap: "anywhere", margin: ".25rem 0 .75rem" }}>
        {value} <span className="muted" style={{ fontFamily: "var(--sans)" }}>({hint})</span>
      </p>
      <WindowNotice caseId={caseId} window={p.window} />
      <div className="panel stats" aria-label="Identity summary">
        <div className="stat">
          <b data-testid="identity-total">
            <Link href={events()}>{p.total.toLocaleString("en-US")}</Link>
          </b>
          events{p.undated ? ` (${p.undated.toLocaleString("en-US")} without a usable time)` : ""}
        </div>
        <div className="stat">
          <b>{formatUtc(p.firstSeen)}</b> first seen{p.isNew ? " (inside the incident window)" : ""}
        </div>
        <div className="stat">
          <b>{formatUtc(p.lastSeen)}</b> last seen
        </div>
        <div className="stat">
          <b data-testid="identity-denied">
            <Link href={events(DENIED)}>{p.denied.count.toLocaleString("en-US")}</Link>
          </b>
          denied calls
        </div>
        <div className="stat">
          <b data-testid="identity-mutating">
            <Link href={events(MUTATING)}>{p.mutating.count.toLocaleString("en-US")}</Link>
          </b>
          mutating calls (readOnly false)
        </div>
        {kind === "key" ? (
          <div className="stat">
            <b>
              <Link href={lineageHref(caseId, value)}>Lineage</Link>
            </b>
            where this key came from and what it issued
          </div>
        ) : null}
      </div>
      <section className="panel" aria-label="Deviations from the baseline">
        <h2 style={{ marginTop: 0 }}>Deviations from the baseline</h2>
        <p className="muted small">
          {(baseline ? baseline.baselineEnd : p.window?.start)
            ? "Baseline: this identity's events before the case's baseline end (the incident window's start, unless the lead chose another). The first call with each new country, network, IP, tool, region or service after it is listed, with every call outside the usual hours."
            : "No incident window: the whole evidence is the baseline, so only calls outside the usual hours are listed. The case lead sets the window on the case page."}
        </p>
        {baseline ? (
          <p data-testid="identity-baseline">
            Baseline of <span className="mono">{baseline.identity}</span>: {baseline.baselineEvents.toLocaleString("en-US")} events
            {baseline.baselineEnd ? ` before ${formatUtc(new Date(baseline.baselineEnd))}` : " (the whole evidence)"}
            {" · "}
            {baseline.hours
              ? `usual hours (UTC): ${hourList(baseline.hours.utc)}${baseline.timeZone !== "UTC" ? `; in ${baseline.timeZone}: ${hourList(baseline.hours.local)}` : ""}`
              : "too few events for usual hours (20 needed)"}
          </p>
        ) : null}
        {deviations.items.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="data" aria-label="Deviations" data-testid="identity-deviations">
            <thead>
              <tr>
                <th>Time (UTC)</th>
                <th>Event</th>
                <th>Deviation</th>
              </tr>
            </thead>
            <tbody>
              {deviations.items.map((d) => (
                <tr key={d.eventId}>
                  <td>{formatUtc(d.eventTime)}</td>
                  <td>
                    <Link href={`/cases/${caseId}/events?${new URLSearchParams({ event: d.eventId })}`}>{d.eventName ?? "(no eventName)"}</Link>
                  </td>
                  <td>
                    {d.kinds
                      .map((k) => {
                        const detail = d.details[k];
                        return detail && "value" in detail ? `${k}: ${detail.value}` : k;
                      })
                      .join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {deviations.hasMore ? (
          <p className="muted small">
            The newest 50 are shown: <Link href={events({ kind: "field", field: "eventID", op: "deviation", value: "any", negated: false })}>all of them in the events page</Link>.
          </p>
        ) : null}
      </section>
      <section className="panel" aria-label="Events by day">
        <h2 style={{ marginTop: 0 }}>Events by UTC day</h2>
        <EventsByDayChart days={p.byDay} windowStart={p.window?.start?.toISOString() ?? null} windowEnd={p.window?.end?.toISOString() ?? null} />
        <details>
          <summary>
            {p.dayCount.toLocaleString("en-US")} {p.dayCount === 1 ? "day" : "days"} with events
            {p.byDay.length < p.dayCount ? ` (the newest ${p.byDay.length} listed)` : ""}
          </summary>
          <table className="data" aria-label="Events per day">
            <tbody>
              {p.byDay.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>
                    <Link
                      href={events(
                        { kind: "field", field: "eventTime", negated: false, op: "after", value: `${d.day}T00:00:00.000Z` },
                        { kind: "field", field: "eventTime", negated: false, op: "before", value: `${nextDay(d.day)}T00:00:00.000Z` },
                      )}
                    >
                      {d.count.toLocaleString("en-US")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      <IdentityItemTable title="Access keys used" testId="keys" rows={rows(p.keys, "userIdentity.accessKeyId", [], keyLinks)} distinct={p.keys.distinct} />
      {kind !== "principal" ? (
        <IdentityItemTable
          title={kind === "role" ? "Sessions (principals)" : "Principals"}
          testId="principals"
          rows={rows(p.principals, "userIdentity.arn", [], identityLinks("principal"))}
          distinct={p.principals.distinct}
        />
      ) : null}
      {kind !== "role" ? (
        <IdentityItemTable title="Roles (session issuers)" testId="roles" rows={rows(p.roles, "sessionIssuer", [], identityLinks("role"))} distinct={p.roles.distinct} />
      ) : null}
      <IdentityItemTable title="Source IPs" testId="ips" rows={rows(p.sourceIps, "sourceIPAddress")} distinct={p.sourceIps.distinct} />
      <IdentityItemTable title="Countries" testId="countries" rows={rows(p.countries, "country")} distinct={p.countries.distinct} />
      <IdentityItemTable
        title="Autonomous systems"
        testId="asns"
        // "AS14618 Amazon.com, Inc." filters on its number.
        rows={p.asns.items.map((item) => ({ ...item, eventsHref: events(eq("asn", item.value.replace(/^AS(\d+).*$/, "$1"))) }))}
        distinct={p.asns.distinct}
      />
      <IdentityItemTable title="Tools (from user agents)" testId="tools" rows={rows(p.tools, "tool")} distinct={p.tools.distinct} />
      <IdentityItemTable title="User agents" testId="user-agents" rows={rows(p.userAgents, "userAgent")} distinct={p.userAgents.distinct} />
      <IdentityItemTable title="Regions" testId="regions" rows={rows(p.regions, "awsRegion")} distinct={p.regions.distinct} />
      <IdentityItemTable title="Services" testId="services" rows={rows(p.services, "eventSource")} distinct={p.services.distinct} />
      <IdentityItemTable
        title={`Denied calls (${p.denied.count.toLocaleString("en-US")})`}
        testId="denied"
        countLabel="Denied"
        rows={rows(p.denied.eventNames, "eventName", [DENIED])}
        distinct={p.denied.eventNames.distinct}
      />
      <IdentityItemTable
        title={`Mutating calls (${p.mutating.count.toLocaleString("en-US")})`}
        testId="mutating"
        countLabel="Mutating"
        rows={rows(p.mutating.eventNames, "eventName", [MUTATING])}
        distinct={p.mutating.eventNames.distinct}
      />
      <IdentityItemTable title="Event names" testId="event-names" rows={rows(p.eventNames, "eventName")} distinct={p.eventNames.distinct} />
    </>
  );
}
