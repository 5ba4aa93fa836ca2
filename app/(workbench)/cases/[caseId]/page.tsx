import type { Metadata } from "next";
import Link from "next/link";
import { IngestRunsPanel } from "@/components/ingest/ingest-runs-panel";
import { UploadEvidence } from "@/components/ingest/upload-evidence";
import { casePage, userPage } from "@/lib/auth/guards";
import { SourceForms } from "@/components/ingest/source-forms";
import { CaseBaselineForm } from "@/components/cases/case-baseline-form";
import { CaseContextForm } from "@/components/cases/case-context-form";
import { CaseWindowForm } from "@/components/cases/case-window-form";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { countEvents } from "@/lib/events/count-events";
import { listIngestRuns } from "@/lib/ingest/list-ingest-runs";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Case" };
export const dynamic = "force-dynamic";

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "case:read");
  const user = await userPage();
  const [found, counts, runs] = await Promise.all([
    getCase(scope),
    can(scope.role, "events:read") ? countEvents(scope) : null,
    can(scope.role, "evidence:write") ? listIngestRuns(scope) : [],
  ]);
  return (
    <>
      <div className="row">
        <div>
          <h1>{found.name}</h1>
          <p className="muted">
            Created {formatUtc(found.createdAt)} · times shown in UTC · business time zone {found.timeZone} · your role: {scope.role}
          </p>
        </div>
        <span className="spacer" />
        <nav className="row" aria-label="Case views">
          {counts ? (
            <>
              <Link className="btn" href={`/cases/${scope.caseId}/events`}>
                Events
              </Link>
              <Link className="btn btn-quiet" href={`/cases/${scope.caseId}/identities`}>
                Identities
              </Link>
            </>
          ) : null}
          {/* Bookmarks are readable by every member ("case:read"). */}
          <Link className="btn btn-quiet" href={`/cases/${scope.caseId}/bookmarks`}>
            Bookmarks
          </Link>
        </nav>
      </div>
      {found.description ? <p style={{ whiteSpace: "pre-wrap" }}>{found.description}</p> : null}
      {counts ? (
        <div className="panel stats" aria-label="Evidence summary">
          <div className="stat">
            <b data-testid="event-total">{counts.total.toLocaleString("en-US")}</b> events
          </div>
          <div className="stat">
            <b>{counts.undated.toLocaleString("en-US")}</b> without a usable eventTime
          </div>
        </div>
      ) : null}
      {can(scope.role, "evidence:write") ? (
        <>
          <div className="panel">
            <h2 style={{ marginTop: 0 }}>Add evidence</h2>
            <UploadEvidence caseId={scope.caseId} />
            <h3>Or pull it from where it is</h3>
            <SourceForms caseId={scope.caseId} isAdmin={user.role === "admin"} />
          </div>
          <IngestRunsPanel caseId={scope.caseId} runs={runs} />
        </>
      ) : null}
      <div className="panel" aria-label="Incident window panel">
        <h2 style={{ marginTop: 0 }}>Incident window</h2>
        <p data-testid="case-window">
          {found.windowStart || found.windowEnd ? (
            <>
              {found.windowStart ? formatUtc(found.windowStart) : "open"} → {found.windowEnd ? formatUtc(found.windowEnd) : "open"}
              <span className="muted"> · identities, keys and IPs first seen inside it are marked new</span>
            </>
          ) : (
            <span className="muted">
              Not set. {can(scope.role, "case:update") ? "Set it below" : "The case lead sets it"} to mark what was first seen during the incident.
            </span>
          )}
        </p>
        {can(scope.role, "case:update") ? (
          <CaseWindowForm caseId={scope.caseId} start={found.windowStart?.toISOString() ?? null} end={found.windowEnd?.toISOString() ?? null} />
        ) : null}
      </div>
      <div className="panel" aria-label="Baselines panel">
        <h2 style={{ marginTop: 0 }}>Identity baselines</h2>
        <p data-testid="case-baseline">
          {found.baselineEnd
            ? `Baselines are built from each identity's events before ${formatUtc(found.baselineEnd)} (chosen).`
            : found.windowStart
              ? `Baselines are built from each identity's events before the incident window (${formatUtc(found.windowStart)}).`
              : "No incident window: the whole evidence is each identity's baseline, so only unusual hours are marked."}{" "}
          Usual hours are judged in UTC and in <span className="mono">{found.timeZone}</span>.
        </p>
        {can(scope.role, "case:update") ? (
          <CaseBaselineForm caseId={scope.caseId} timeZone={found.timeZone} baselineEnd={found.baselineEnd?.toISOString() ?? null} />
        ) : null}
      </div>
      <div className="panel" aria-label="Trusted places panel">
        <h2 style={{ marginTop: 0 }}>Trusted networks and expected countries</h2>
        <p data-testid="case-trusted">
          {found.trustedNetworks.length || found.expectedCountries.length ? (
            <>
              <span className="mono">{found.trustedNetworks.join(", ") || "no networks"}</span> ·{" "}
              <span className="mono">{found.expectedCountries.join(", ") || "no countries"}</span>
              <span className="muted"> · calls from elsewhere are marked</span>
            </>
          ) : (
            <span className="muted">Not set. Calls are marked untrusted only once the lead lists the company&apos;s networks or countries.</span>
          )}
        </p>
        {can(scope.role, "case:update") ? (
          <CaseContextForm caseId={scope.caseId} trustedNetworks={found.trustedNetworks} expectedCountries={found.expectedCountries} />
        ) : null}
      </div>
    </>
  );
}
