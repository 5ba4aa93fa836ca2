"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { IngestRunView } from "@/lib/ingest/list-ingest-runs";
import { formatUtc } from "@/lib/format/format-utc";

const n = (v: number) => v.toLocaleString("en-US");

/** The case's ingest runs; refreshes itself while any run is queued or running. */
export function IngestRunsPanel({ runs }: { runs: IngestRunView[] }) {
  const router = useRouter();
  const active = runs.some((r) => r.state === "queued" || r.state === "running");
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(t);
  }, [active, router]);

  return (
    <div className="panel">
      <h2 style={{ marginTop: 0 }}>Ingest runs</h2>
      {runs.length === 0 ? (
        <p className="muted">No evidence ingested yet.</p>
      ) : (
        <table className="data" aria-label="Ingest runs">
          <thead>
            <tr>
              <th>Source</th>
              <th>State</th>
              <th>Files</th>
              <th>Records</th>
              <th>Inserted</th>
              <th>Duplicates</th>
              <th>Rejected</th>
              <th>Events/s</th>
              <th>Started (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="ingest-run">
                <td>
                  {r.sourceLabel}
                  <div className="muted">
                    {r.sourceKind} by {r.createdBy ?? "unknown"}
                  </div>
                  {r.message ? <div className={r.state === "failed" ? "err" : "muted"}>{r.message}</div> : null}
                  {r.problems.length > 0 ? (
                    <ul className="problems" aria-label="Problems">
                      {r.problems.slice(0, 20).map((p, i) => (
                        <li key={i}>
                          <span className="mono">{p.file}</span>: {p.reason}
                        </li>
                      ))}
                      {r.problems.length > 20 ? <li>… and {n(r.problems.length - 20)} more</li> : null}
                    </ul>
                  ) : null}
                </td>
                <td>
                  <span className={`badge ${r.state}`} data-testid="run-state">
                    {r.state}
                  </span>
                </td>
                <td>{n(r.filesDone)}</td>
                <td>{n(r.records)}</td>
                <td data-testid="run-inserted">{n(r.inserted)}</td>
                <td>{n(r.duplicates)}</td>
                <td>
                  {n(r.rejectedFiles)} files, {n(r.rejectedRecords)} records
                </td>
                <td>{r.eventsPerSecond === null ? "—" : n(r.eventsPerSecond)}</td>
                <td>{formatUtc(r.startedAt ?? r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
