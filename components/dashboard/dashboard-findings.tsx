import Link from "next/link";
import type { CaseDashboard } from "@/lib/dashboard/case-dashboard-types";
import { formatUtc } from "@/lib/format/format-utc";

/** The overview's findings panel: counts by status and the open findings, most severe first, each linked to its events. */
export function DashboardFindings({ caseId, findings }: { caseId: string; findings: CaseDashboard["findings"] }) {
  return (
    <section className="panel" aria-label="Findings" data-testid="dashboard-findings">
      <div className="row">
        <h2 style={{ margin: 0 }}>Findings</h2>
        <span className="muted">
          {findings.byStatus.new} new · {findings.byStatus.confirmed} confirmed · {findings.byStatus.falsePositive} false positive
          {findings.detectionsRunAt ? ` · detections ran ${formatUtc(findings.detectionsRunAt)}` : " · detections have not run yet"}
        </span>
        <span className="spacer" />
        <Link href={`/cases/${caseId}/findings`}>All findings</Link>
      </div>
      {findings.open.length === 0 ? (
        <p className="muted">No open finding.</p>
      ) : (
        <table className="data">
          <caption className="sr-only">Open findings, most severe first</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Finding</th>
              <th scope="col">Principal</th>
              <th scope="col">First</th>
              <th scope="col">Events</th>
            </tr>
          </thead>
          <tbody>
            {findings.open.map((f) => (
              <tr key={f.id} data-testid="dashboard-finding">
                <td>
                  <span className={`badge severity ${f.severity}`}>{f.severity}</span>
                </td>
                <td>
                  {f.title}
                  {f.failedAttempt ? <span className="badge failed">failed attempt</span> : null}
                  {f.status === "confirmed" ? <span className="badge status-confirmed">confirmed</span> : null}
                </td>
                <td className="top-value" title={f.principal}>
                  {f.principal || "(no principal)"}
                </td>
                <td>{formatUtc(f.firstAt)}</td>
                <td>
                  <Link href={f.href}>{f.eventCount.toLocaleString("en-US")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
