import type { Metadata } from "next";
import Link from "next/link";
import { CaseTimeline } from "@/components/charts/case-timeline";
import { DeniedHeatmapPanel } from "@/components/charts/denied-heatmap-panel";
import { DashboardFindings } from "@/components/dashboard/dashboard-findings";
import { ChecklistPanel } from "@/components/integrity/checklist-panel";
import { RollupRefresher } from "@/components/dashboard/rollup-refresher";
import { TopTable } from "@/components/dashboard/top-table";
import { ValueCounts } from "@/components/dashboard/value-counts";
import { RecentActivity, RECENT_ACTIVITY_COUNT } from "@/components/audit/recent-activity";
import { listCaseActivity } from "@/lib/audit/list-case-activity";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { listBookmarks } from "@/lib/bookmarks/list-bookmarks";
import { getCase } from "@/lib/cases/get-case";
import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { getCaseDashboard } from "@/lib/dashboard/get-case-dashboard";
import { TOP_DIMENSIONS, type TopDimension } from "@/lib/dashboard/case-dashboard-types";
import { parseEventQuery } from "@/lib/events/parse-event-query";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Case overview" };
export const dynamic = "force-dynamic";

const DIMENSION_LABELS: Record<TopDimension, string> = { principal: "Principals", key: "Access keys", ip: "Source IPs", userAgent: "User agents" };

/**
 * The case's landing page: what the evidence holds, who did what, when, and what was refused. Every
 * figure links to the events it counts. `q` (after:/before: terms) zooms the timeline only.
 */
export default async function CaseOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const scope = await casePage(params, "case:read");
  const sp = await searchParams;
  // The dashboard's queries go out with the others (one wait, not two, under load); a viewer gets none.
  const [found, recent, dashboard] = await Promise.all([
    getCase(scope),
    listCaseActivity(scope, { limit: RECENT_ACTIVITY_COUNT }),
    can(scope.role, "events:read") ? getCaseDashboard(scope) : null,
  ]);
  const caseId = scope.caseId;
  const recentActivity = <RecentActivity caseId={caseId} items={recent.items} latestId={recent.latestId} />;
  const header = (
    <>
      <h1>{found.name}</h1>
      <p className="muted">
        Created {formatUtc(found.createdAt)} · times in UTC · business time zone {found.timeZone} · your role: {scope.role}
      </p>
      {found.description ? <p style={{ whiteSpace: "pre-wrap" }}>{found.description}</p> : null}
    </>
  );
  if (!dashboard) {
    const bookmarks = await listBookmarks(scope);
    return (
      <>
        {header}
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Bookmarks</h2>
          {bookmarks.length === 0 ? (
            <p className="muted">No bookmarks yet.</p>
          ) : (
            <ul>
              {bookmarks.map((b) => (
                <li key={b.id}>{b.title}</li>
              ))}
            </ul>
          )}
          <p className="muted">As a viewer you read the case&apos;s bookmarks and reports; its events are open to investigators and the lead.</p>
        </div>
        {recentActivity}
      </>
    );
  }
  const d = dashboard;
  const parsed = parseEventQuery(typeof sp.q === "string" ? sp.q : undefined);
  const timelineQuery = parsed.ok ? parsed.query : "";
  const base = `/cases/${caseId}`;
  const dated = d.events.total - d.events.undated.count;
  return (
    <>
      {header}
      <RollupRefresher pendingEvents={d.events.pendingEvents} />
      {d.events.total === 0 ? (
        <div className="panel">
          <p style={{ margin: 0 }}>
            No events yet.{" "}
            {can(scope.role, "evidence:write") ? (
              <>
                <Link href={`${base}/evidence`}>Add evidence</Link>: upload trail files or pull them from S3 or the CloudTrail API.
              </>
            ) : (
              "An investigator adds the evidence."
            )}
          </p>
        </div>
      ) : null}
      <section className="panel" aria-label="Evidence summary">
        <div className="stats">
          <div className="stat">
            <b data-testid="event-total">{d.events.total.toLocaleString("en-US")}</b> events
          </div>
          <div className="stat">
            <b data-testid="event-range">
              {d.range.first ? `${formatUtc(d.range.first)} → ${formatUtc(d.range.last)}` : "—"}
            </b>
            first and last call ({dated.toLocaleString("en-US")} dated
            {d.events.undated.count > 0 ? (
              <>
                , <Link href={d.events.undated.href}>{d.events.undated.count.toLocaleString("en-US")} undated</Link>
              </>
            ) : null}
            )
          </div>
          {CALL_SERIES.map((s) => (
            <div className="stat" key={s}>
              <b>
                <span className="swatch" style={{ background: CALL_SERIES_INFO[s].colour }} aria-hidden="true" />
                <Link href={d.series[s].href} data-testid={`series-${s}`}>
                  {d.series[s].count.toLocaleString("en-US")}
                </Link>
              </b>
              {CALL_SERIES_INFO[s].label}
            </div>
          ))}
        </div>
        <div className="dashboard-lists">
          <ValueCounts label="Accounts (recipient)" items={d.accounts} empty="(none)" testId="accounts" />
          <ValueCounts label="Regions" items={d.regions} empty="(none)" testId="regions" />
          <ValueCounts label="Event categories" items={d.categories} empty="(not recorded)" testId="categories" />
          <div className="value-counts">
            <h3>Ingest</h3>
            <p style={{ margin: 0 }} data-testid="ingest-summary">
              {d.ingest.runs} run{d.ingest.runs === 1 ? "" : "s"} ({d.ingest.succeeded} succeeded
              {d.ingest.failed ? `, ${d.ingest.failed} failed or cancelled` : ""}
              {d.ingest.active ? `, ${d.ingest.active} in progress` : ""}) · {d.ingest.files.toLocaleString("en-US")} files
              {d.ingest.lastFinishedAt ? ` · last finished ${formatUtc(d.ingest.lastFinishedAt)}` : ""}
            </p>
            {can(scope.role, "evidence:write") ? <Link href={`${base}/evidence`}>Evidence and ingest runs</Link> : null}
          </div>
        </div>
      </section>

      <DashboardFindings caseId={caseId} findings={d.findings} />
      <ChecklistPanel caseId={caseId} />
      {recentActivity}

      <section className="panel" aria-label="Timeline">
        <h2 style={{ marginTop: 0 }}>Timeline</h2>
        <CaseTimeline caseId={caseId} query={timelineQuery} />
      </section>

      <div className="dashboard-pair">
        <section className="panel" aria-label="Outside trusted places" data-testid="untrusted-panel">
          <h2 style={{ marginTop: 0 }}>Calls from outside trusted places</h2>
          {d.untrusted.outsideNetworks || d.untrusted.outsideCountries ? (
            <>
              <div className="stats">
                {d.untrusted.outsideNetworks ? (
                  <div className="stat">
                    <b>
                      <Link href={d.untrusted.outsideNetworks.href} data-testid="outside-networks">
                        {d.untrusted.outsideNetworks.count.toLocaleString("en-US")}
                      </Link>
                    </b>
                    outside the trusted networks
                  </div>
                ) : null}
                {d.untrusted.outsideCountries ? (
                  <div className="stat">
                    <b>
                      <Link href={d.untrusted.outsideCountries.href} data-testid="outside-countries">
                        {d.untrusted.outsideCountries.count.toLocaleString("en-US")}
                      </Link>
                    </b>
                    outside the expected countries
                  </div>
                ) : null}
              </div>
              <TopTable title="Source IPs outside them, most calls first" items={d.untrusted.ips} countLabel="calls" testId="untrusted-ips" />
            </>
          ) : (
            <p className="muted">
              No trusted networks or expected countries yet. {can(scope.role, "case:update") ? <Link href={`${base}/settings`}>Set them</Link> : "The case lead sets them"} to see
              calls from elsewhere here and marked in the events table.
            </p>
          )}
        </section>
        <section className="panel" aria-label="New in the incident window" data-testid="new-in-window">
          <h2 style={{ marginTop: 0 }}>First seen in the incident window</h2>
          {d.newInWindow ? (
            <>
              <p className="muted">
                {d.newInWindow.start ? formatUtc(d.newInWindow.start) : "open"} → {d.newInWindow.end ? formatUtc(d.newInWindow.end) : "open"}
              </p>
              {d.newInWindow.items.length === 0 ? (
                <p className="muted">No principal, key or source IP was first seen inside the window.</p>
              ) : (
                <table className="data">
                  <caption className="sr-only">Principals, keys and IPs first seen inside the incident window</caption>
                  <thead>
                    <tr>
                      <th scope="col">First seen</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Value</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.newInWindow.items.map((item) => (
                      <tr key={`${item.dimension}:${item.value}`} data-testid="new-item">
                        <td>{formatUtc(item.firstAt)}</td>
                        <td>{item.dimension === "ip" ? "source IP" : item.dimension}</td>
                        <td>
                          <Link href={item.href}>{item.value}</Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {d.newInWindow.more > 0 ? <p className="muted">and {d.newInWindow.more} more (see Identities)</p> : null}
            </>
          ) : (
            <p className="muted">
              No incident window. {can(scope.role, "case:update") ? <Link href={`${base}/settings`}>Set it</Link> : "The case lead sets it"} to list the
              principals, keys and IPs first seen during the incident.
            </p>
          )}
        </section>
      </div>

      <section className="panel" aria-label="Who did what">
        <h2 style={{ marginTop: 0 }}>Who changed things, and who was refused</h2>
        <p className="muted">Mutating: readOnly false and not denied. Denied: refused calls (see the denied-call heatmap). Counts link to the events.</p>
        <div className="top-grid">
          {TOP_DIMENSIONS.map((dimension) => (
            <div key={dimension} className="top-pair">
              <h3>
                {DIMENSION_LABELS[dimension]} <span className="muted">({d.tops[dimension].distinct.toLocaleString("en-US")} distinct)</span>
              </h3>
              <TopTable title="by mutating calls" items={d.tops[dimension].byMutating} countLabel="mutating" testId={`top-${dimension}-mutating`} />
              <TopTable title="by denied calls" items={d.tops[dimension].byDenied} countLabel="denied" testId={`top-${dimension}-denied`} />
            </div>
          ))}
        </div>
      </section>

      <section className="panel" aria-label="Denied calls">
        <div className="row">
          <h2 style={{ margin: 0 }}>Denied calls by principal and hour</h2>
          <span className="spacer" />
          <Link href={`${base}/heatmaps`}>All heatmaps</Link>
        </div>
        <DeniedHeatmapPanel caseId={caseId} axis="hour" sort="burst" compact />
      </section>

      <section className="panel" aria-label="Recent bookmarks">
        <div className="row">
          <h2 style={{ margin: 0 }}>Bookmarks</h2>
          <span className="spacer" />
          <Link href={`${base}/bookmarks`}>All {d.bookmarkCount} bookmarks</Link>
        </div>
        {d.bookmarks.length === 0 ? (
          <p className="muted">None yet: save any view of the events, a lineage or an identity as a bookmark to share it.</p>
        ) : (
          <ul className="dashboard-bookmarks">
            {d.bookmarks.map((b) => (
              <li key={b.id}>
                <Link href={b.href}>{b.title}</Link>{" "}
                <span className="muted">
                  {b.author ?? "a former member"} · {formatUtc(b.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
