import type { Metadata } from "next";
import Link from "next/link";
import { NewBadge } from "@/components/identities/new-badge";
import { WindowNotice } from "@/components/identities/window-notice";
import { casePage } from "@/lib/auth/guards";
import { getCase } from "@/lib/cases/get-case";
import { formatUtc } from "@/lib/format/format-utc";
import { describePrincipalArn } from "@/lib/identities/describe-principal-arn";
import { identityEventsHref } from "@/lib/identities/identity-events-href";
import { identityHref } from "@/lib/identities/identity-href";
import { IDENTITY_KINDS, IDENTITY_KIND_NAMES, type IdentityItemList, type IdentityKind } from "@/lib/identities/identity-kind";
import { listIdentities } from "@/lib/identities/list-identities";

export const metadata: Metadata = { title: "Identities" };
export const dynamic = "force-dynamic";

function kindHint(kind: IdentityKind, value: string): string {
  if (kind === "key") return value.startsWith("AKIA") ? "long-term key" : value.startsWith("ASIA") ? "temporary key" : "key";
  return describePrincipalArn(value);
}

// Every value is attacker-controlled CloudTrail text, rendered only as React text.
function IdentityTable({ caseId, kind, list }: { caseId: string; kind: IdentityKind; list: IdentityItemList }) {
  const { plural } = IDENTITY_KINDS[kind];
  return (
    <section className="panel" aria-label={plural}>
      <div className="row">
        <h2 style={{ margin: 0 }}>{plural}</h2>
        <span className="muted" data-testid={`${kind}-count`}>
          {list.items.length < list.distinct ? `top ${list.items.length} of ${list.distinct.toLocaleString("en-US")}` : `${list.distinct.toLocaleString("en-US")}`} ·
          most events first
        </span>
      </div>
      {list.items.length === 0 ? (
        <p className="muted">None in this case&apos;s events.</p>
      ) : (
        <table className="data" aria-label={`${plural} table`}>
          <thead>
            <tr>
              <th>{IDENTITY_KINDS[kind].label}</th>
              <th>Kind</th>
              <th>Events</th>
              <th>First seen (UTC)</th>
              <th>Last seen (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr key={item.value} data-testid={`${kind}-row`}>
                <td>
                  <Link href={identityHref(caseId, kind, item.value)}>{item.value}</Link>
                  <NewBadge isNew={item.isNew} />
                </td>
                <td style={{ fontFamily: "var(--sans)" }}>{kindHint(kind, item.value)}</td>
                <td>
                  <Link href={identityEventsHref(caseId, kind, item.value)}>{item.count.toLocaleString("en-US")}</Link>
                </td>
                <td>{formatUtc(item.firstSeen)}</td>
                <td>{formatUtc(item.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default async function IdentitiesPage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "events:read");
  const [found, identities] = await Promise.all([getCase(scope), listIdentities(scope)]);
  return (
    <>
      <div className="row">
        <h1>Identities</h1>
        <span className="muted">
          <Link href={`/cases/${scope.caseId}`}>{found.name}</Link> · <Link href={`/cases/${scope.caseId}/events`}>Events</Link> · UTC
        </span>
      </div>
      <WindowNotice caseId={scope.caseId} window={identities.window} />
      {IDENTITY_KIND_NAMES.map((kind) => (
        <IdentityTable key={kind} caseId={scope.caseId} kind={kind} list={identities[kind]} />
      ))}
    </>
  );
}
