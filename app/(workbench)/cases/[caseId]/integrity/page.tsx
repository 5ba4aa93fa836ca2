import type { Metadata } from "next";
import Link from "next/link";
import { RollupRefresher } from "@/components/dashboard/rollup-refresher";
import { ChecklistTable } from "@/components/integrity/checklist-table";
import { DigestReport } from "@/components/integrity/digest-report";
import { casePage } from "@/lib/auth/guards";
import { formatUtc } from "@/lib/format/format-utc";
import { getCoverageStatement } from "@/lib/integrity/get-coverage-statement";
import { getDeliveryLedger } from "@/lib/integrity/get-delivery-ledger";
import { getGaps } from "@/lib/integrity/get-gaps";
import { getNoCompromiseChecklist } from "@/lib/integrity/get-no-compromise-checklist";
import { getDigestSummary, validateCaseDigests } from "@/lib/integrity/validate-case-digests";

export const metadata: Metadata = { title: "Integrity and coverage" };
export const dynamic = "force-dynamic";

/**
 * Evidence integrity and coverage: the checklist, digest validation (run on request: it reads every
 * digest and the log files they list), logging windows, silences and trail changes, the coverage
 * statement and the delivery ledger.
 */
export default async function IntegrityPage({ params, searchParams }: { params: Promise<{ caseId: string }>; searchParams: Promise<{ validate?: string }> }) {
  const scope = await casePage(params, "events:read");
  const sp = await searchParams;
  const report = sp.validate === "1" ? await validateCaseDigests(scope) : null;
  const [ledger, gaps, coverage, summary] = await Promise.all([getDeliveryLedger(scope, { streamFiles: true }), getGaps(scope), getCoverageStatement(scope), getDigestSummary(scope)]);
  const checklist = await getNoCompromiseChecklist(scope, summary, { coverage, gaps });
  const base = `/cases/${scope.caseId}/integrity`;
  return (
    <>
      <h1>Integrity and coverage</h1>
      <p className="muted">Before concluding &quot;no compromise&quot;: are the logs complete and untampered, and what can the evidence not show? Times in UTC.</p>
      <RollupRefresher pendingEvents={checklist.pendingEvents} />

      <section className="panel" aria-label="Checklist">
        <h2 style={{ marginTop: 0 }}>Before you conclude no compromise</h2>
        <ChecklistTable checklist={checklist} />
      </section>

      <section className="panel" aria-label="Digest validation">
        <div className="row">
          <h2 style={{ margin: 0 }}>Digest validation</h2>
          <span className="muted" data-testid="digest-summary">
            {summary ? `last validated ${formatUtc(summary.validatedAt)}: ${summary.result}, ${summary.digests} digests, ${summary.problems} problems` : "not validated yet"}
          </span>
          <span className="spacer" />
          <Link className="btn btn-quiet" href={`${base}?validate=1`}>
            Validate digests now
          </Link>
        </div>
        {report ? <DigestReport report={report} /> : <p className="muted">Validation reads every ingested digest and the log files they list; run it after adding evidence.</p>}
      </section>

      <section className="panel" aria-label="Logging windows and trail changes">
        <h2 style={{ marginTop: 0 }}>Logging stopped, trails changed, silences</h2>
        {gaps.loggingWindows.length === 0 ? (
          <p className="muted">No successful StopLogging or DeleteTrail in the evidence.</p>
        ) : (
          <ul data-testid="logging-windows">
            {gaps.loggingWindows.map((w) => (
              <li key={`${w.trailKey}:${w.start}`}>
                Trail <span className="mono">{w.trail ?? "?"}</span> not logging from {formatUtc(w.start)} to {w.end ? formatUtc(w.end) : "the end of the evidence"}
                {w.deleted ? " (deleted)" : ""} — <Link href={w.openedBy.href}>{w.openedBy.eventName}</Link> by <span className="mono">{w.openedBy.actor}</span>
              </li>
            ))}
          </ul>
        )}
        <h3>Trail configuration changes ({gaps.trailChanges.total})</h3>
        {gaps.trailChanges.items.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul data-testid="trail-changes">
            {gaps.trailChanges.items.map((c) => (
              <li key={c.eventId}>
                {formatUtc(c.eventTime)} <Link href={c.href}>{c.eventName}</Link> {c.succeeded ? "" : `(failed: ${c.errorCode ?? "error"}) `}by <span className="mono">{c.actor}</span>
                {c.changes.length ? `: ${c.changes.join("; ")}` : ""}
              </li>
            ))}
          </ul>
        )}
        <h3>Silences ({gaps.silences.total})</h3>
        <p className="muted">{gaps.rule.text}</p>
        {gaps.silences.items.length ? (
          <ul data-testid="silences">
            {gaps.silences.items.map((g) => (
              <li key={`${g.account}:${g.region}:${g.start}`}>
                <span className="mono">
                  {g.account} / {g.region}
                </span>
                : no events from {formatUtc(g.start)} to {formatUtc(g.end)} ({g.hours} h){g.kind === "ended" ? ", and none after" : ""} ·{" "}
                <Link href={g.othersHref}>{g.otherEvents.toLocaleString("en-US")} events elsewhere meanwhile</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="panel" aria-label="Coverage statement">
        <h2 style={{ marginTop: 0 }}>What the evidence covers</h2>
        <ul data-testid="coverage-statements">
          {coverage.statements.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Delivery ledger">
        <h2 style={{ marginTop: 0 }}>Delivery ledger</h2>
        <table className="data" data-testid="ledger">
          <caption className="sr-only">Events per account and region</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Region</th>
              <th scope="col">Events</th>
              <th scope="col">Active hours</th>
              <th scope="col">Files</th>
              <th scope="col">First → last (UTC)</th>
              <th scope="col">Delivered by</th>
            </tr>
          </thead>
          <tbody>
            {ledger.streams.map((s) => (
              <tr key={`${s.account}:${s.region}`}>
                <td>{s.account}</td>
                <td>{s.region}</td>
                <td>
                  <Link href={s.href}>{s.events.toLocaleString("en-US")}</Link>
                </td>
                <td>{s.activeHours.toLocaleString("en-US")}</td>
                <td>{s.files?.toLocaleString("en-US") ?? "—"}</td>
                <td>
                  {formatUtc(s.firstEventTime)} → {formatUtc(s.lastEventTime)}
                </td>
                <td>{s.sources?.join(", ") ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
