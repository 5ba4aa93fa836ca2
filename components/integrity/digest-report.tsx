import type { DigestValidationReport } from "@/lib/integrity/digests/digest-validation-types";
import { formatUtc } from "@/lib/format/format-utc";

const LIMIT = 200;

/** A digest validation report: verdict, each digest's status and problems, missing digests, chain restarts, unverifiable files. */
export function DigestReport({ report }: { report: DigestValidationReport }) {
  return (
    <div data-testid="digest-report" data-result={report.result}>
      <p>
        <span className={`badge check-${report.result}`}>{report.result}</span> {report.digests.length} digests ·{" "}
        {report.missingDigests.length} missing · {report.chainStarts.length} chain starts · {report.unverifiableLogFiles.length} log files no digest covers
      </p>
      {report.digests.length ? (
        <table className="data">
          <caption className="sr-only">Digests</caption>
          <thead>
            <tr>
              <th scope="col">Digest</th>
              <th scope="col">Account / region</th>
              <th scope="col">Covers (UTC)</th>
              <th scope="col">Status</th>
              <th scope="col">Problems and notes</th>
            </tr>
          </thead>
          <tbody>
            {report.digests.slice(0, LIMIT).map((d) => (
              <tr key={d.path} data-testid="digest-row" data-status={d.status}>
                <td title={d.path}>{d.s3Object ?? d.path}</td>
                <td>
                  {d.account ?? "?"} / {d.region ?? "?"}
                </td>
                <td>
                  {formatUtc(d.startTime)} → {formatUtc(d.endTime)}
                </td>
                <td>{d.status}</td>
                <td>{[...d.problems, ...d.notes].join(" ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report.missingDigests.length ? (
        <>
          <h3>Missing digests</h3>
          <ul data-testid="missing-digests">
            {report.missingDigests.slice(0, LIMIT).map((m, i) => (
              <li key={`${m.s3Object ?? ""}:${i}`}>{m.s3Object ?? "(key unknown)"}: {m.reason}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.chainStarts.length ? (
        <>
          <h3>Chain starts (logging started or restarted)</h3>
          <ul>
            {report.chainStarts.map((c, i) => (
              <li key={i}>
                {formatUtc(c.at)}: {c.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.unverifiableLogFiles.length ? (
        <details>
          <summary>{report.unverifiableLogFiles.length} log files no digest covers</summary>
          <ul>
            {report.unverifiableLogFiles.slice(0, LIMIT).map((f) => (
              <li key={f.path}>
                <span className="mono">{f.path}</span>: {f.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
