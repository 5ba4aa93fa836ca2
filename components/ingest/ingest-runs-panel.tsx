"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { cancelIngestAction } from "@/app/(workbench)/cases/[caseId]/ingest/actions";
import type { IngestRunView } from "@/lib/ingest/list-ingest-runs";
import { formatUtc } from "@/lib/format/format-utc";

const n = (v: number) => v.toLocaleString("en-US");

function formatBytes(v: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Remaining time from the byte rate so far, when the total is known (uploads, CLI paths). */
function eta(r: IngestRunView): string | null {
  if (r.state !== "running" || !r.sourceBytes || !r.startedAt || r.bytesDone <= 0 || r.bytesDone >= r.sourceBytes) return null;
  const elapsed = (Date.now() - new Date(r.startedAt).getTime()) / 1000;
  const seconds = Math.round(((r.sourceBytes - r.bytesDone) * elapsed) / r.bytesDone);
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function CancelButton({ caseId, runId }: { caseId: string; runId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="btn btn-quiet"
        onClick={async () => {
          const result = await cancelIngestAction({ caseId, runId });
          setMessage(result.ok ? (result.data === "cancelled" ? "cancelled" : "stopping…") : result.error);
        }}
      >
        Cancel
      </button>
      {message ? <span className="muted"> {message}</span> : null}
    </span>
  );
}

/** The case's ingest runs; refreshes itself while any run is queued or running. */
export function IngestRunsPanel({ caseId, runs }: { caseId: string; runs: IngestRunView[] }) {
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
                  {r.state === "queued" || r.state === "running" ? <CancelButton caseId={caseId} runId={r.id} /> : null}
                </td>
                <td>
                  <span data-testid="run-files">{n(r.filesDone)}</span>
                  <div className="muted">
                    {formatBytes(r.bytesDone)}
                    {r.sourceBytes ? ` of ${formatBytes(r.sourceBytes)}` : ""}
                    {eta(r) ? ` · ${eta(r)} left` : ""}
                  </div>
                </td>
                <td data-testid="run-records">{n(r.records)}</td>
                <td data-testid="run-inserted">{n(r.inserted)}</td>
                <td data-testid="run-duplicates">{n(r.duplicates)}</td>
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
