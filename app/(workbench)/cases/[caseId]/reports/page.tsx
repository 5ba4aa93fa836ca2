import type { Metadata } from "next";
import { ExecutiveSummaryForm } from "@/components/reports/executive-summary-form";
import { ExportReportForm } from "@/components/reports/export-report-form";
import { casePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getExecutiveSummary } from "@/lib/cases/set-executive-summary";
import { listReports } from "@/lib/reports/create-report";
import { formatUtc } from "@/lib/format/format-utc";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

/** The case report: the lead's executive summary, exports (immutable snapshots) and their list. Viewers download. */
export default async function ReportsPage({ params }: { params: Promise<{ caseId: string }> }) {
  const scope = await casePage(params, "reports:read");
  const [summary, reports] = await Promise.all([getExecutiveSummary(scope), listReports(scope)]);
  return (
    <>
      <h1>Reports</h1>
      <p className="muted">
        Each export is a snapshot of the case at that moment (confirmed findings, charts, integrity checklist), kept unchanged with its SHA-256; download it
        again at any time, byte for byte.
      </p>
      <section className="panel" aria-label="Executive summary panel">
        <h2 style={{ marginTop: 0 }}>Executive summary</h2>
        {can(scope.role, "case:update") ? (
          <ExecutiveSummaryForm caseId={scope.caseId} summary={summary} />
        ) : (
          <p style={{ whiteSpace: "pre-wrap" }}>{summary || "Not written yet: the case lead writes it."}</p>
        )}
      </section>
      {can(scope.role, "events:read") ? (
        <section className="panel" aria-label="Export">
          <h2 style={{ marginTop: 0 }}>Export</h2>
          <ExportReportForm caseId={scope.caseId} />
        </section>
      ) : null}
      <section className="panel" aria-label="Exports">
        <h2 style={{ marginTop: 0 }}>Exports</h2>
        {reports.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="data" data-testid="reports">
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Format</th>
                <th scope="col">By</th>
                <th scope="col">At (UTC)</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid="report-row">
                  <td>
                    <a href={`/cases/${scope.caseId}/reports/${r.id}/download`} download>
                      {r.identifier}.{r.format}
                    </a>
                  </td>
                  <td>{r.format}</td>
                  <td>{r.createdBy ?? "a former member"}</td>
                  <td>{formatUtc(r.createdAt)}</td>
                  <td>{r.size.toLocaleString("en-US")} B</td>
                  <td className="mono" style={{ fontSize: ".75rem" }}>
                    {r.sha256}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
