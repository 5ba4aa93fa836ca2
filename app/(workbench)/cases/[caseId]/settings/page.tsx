import type { Metadata } from "next";
import { CaseBaselineForm } from "@/components/cases/case-baseline-form";
import { CaseContextForm } from "@/components/cases/case-context-form";
import { CaseWindowForm } from "@/components/cases/case-window-form";
import { DetectionSettingsForm } from "@/components/cases/detection-settings-form";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getCase } from "@/lib/cases/get-case";
import { getDetectionSettings } from "@/lib/cases/set-detection-settings";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Case settings" };
export const dynamic = "force-dynamic";

/** The case's investigation settings: every member reads them, the lead changes them. */
export default async function CaseSettingsPage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "case:read");
  const [found, thresholds] = await Promise.all([getCase(scope), getDetectionSettings(scope)]);
  const lead = can(scope.role, "case:update");
  return (
    <>
      <h1>Settings</h1>
      <p className="muted">
        Times in UTC · business time zone {found.timeZone} · {lead ? "you are the case lead" : "the case lead changes these"}
      </p>
      <div className="panel" aria-label="Incident window panel">
        <h2 style={{ marginTop: 0 }}>Incident window</h2>
        <p data-testid="case-window">
          {found.windowStart || found.windowEnd ? (
            <>
              {found.windowStart ? formatUtc(found.windowStart) : "open"} → {found.windowEnd ? formatUtc(found.windowEnd) : "open"}
              <span className="muted"> · identities, keys and IPs first seen inside it are marked new</span>
            </>
          ) : (
            <span className="muted">Not set. {lead ? "Set it below" : "The case lead sets it"} to mark what was first seen during the incident.</span>
          )}
        </p>
        {lead ? <CaseWindowForm caseId={scope.caseId} start={found.windowStart?.toISOString() ?? null} end={found.windowEnd?.toISOString() ?? null} /> : null}
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
        {lead ? <CaseBaselineForm caseId={scope.caseId} timeZone={found.timeZone} baselineEnd={found.baselineEnd?.toISOString() ?? null} /> : null}
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
        {lead ? <CaseContextForm caseId={scope.caseId} trustedNetworks={found.trustedNetworks} expectedCountries={found.expectedCountries} /> : null}
      </div>
      <div className="panel" aria-label="Detection thresholds panel">
        <h2 style={{ marginTop: 0 }}>Detection thresholds</h2>
        <p className="muted" data-testid="detection-thresholds">
          Bursts are counted per principal within {thresholds.burstWindowMinutes} minutes: {thresholds.discoveryBurst} List/Describe/Get,{" "}
          {thresholds.getObjectBurst} GetObject, {thresholds.secretsBurst} GetSecretValue, {thresholds.massDeletion} Delete calls;{" "}
          {thresholds.consoleLoginFailures} failed sign-ins before a success.
        </p>
        {lead ? <DetectionSettingsForm caseId={scope.caseId} settings={thresholds} /> : null}
      </div>
    </>
  );
}
