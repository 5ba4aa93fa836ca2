import Link from "next/link";
import { TriageForm } from "@/components/findings/triage-form";
import { ATTACK_TECHNIQUES } from "@/lib/detections/attack";
import type { FindingItem } from "@/lib/findings/finding-item";
import { formatUtc } from "@/lib/format/format-utc";

/** One finding: what fired, on whom, when, how many events (linked), why, and its triage. Text only. */
export function FindingCard({ caseId, finding, canTriage }: { caseId: string; finding: FindingItem; canTriage: boolean }) {
  return (
    <article className={`finding severity-${finding.severity}`} data-testid="finding" data-rule={finding.ruleId} data-status={finding.status}>
      <header className="row">
        <span className={`badge severity ${finding.severity}`}>{finding.severity}</span>
        <b>{finding.title}</b>
        {finding.failedAttempt ? <span className="badge failed">failed attempt</span> : null}
        <span className={`badge status-${finding.status}`}>{finding.status === "false-positive" ? "false positive" : finding.status}</span>
        <span className="spacer" />
        <Link href={finding.eventsHref} data-testid="finding-events">
          {finding.eventCount.toLocaleString("en-US")} {finding.eventCount === 1 ? "event" : "events"}
        </Link>
      </header>
      <p className="finding-meta">
        <span className="mono">{finding.principal || "(no principal)"}</span> · {formatUtc(finding.firstAt)}
        {finding.lastAt && finding.lastAt !== finding.firstAt ? ` → ${formatUtc(finding.lastAt)}` : ""}
        {finding.newSinceTriage > 0 ? <span className="badge">{finding.newSinceTriage} new since triage</span> : null}
      </p>
      <p className="finding-reason">{finding.reason}</p>
      <details>
        <summary>
          Rule <span className="mono">{finding.ruleId}</span> ({finding.source === "sigma" ? `Sigma${finding.ruleAuthor ? `, by ${finding.ruleAuthor}` : ""}` : "built-in"}) ·{" "}
          {finding.attack.length ? finding.attack.join(", ") : "no ATT&CK technique"}
        </summary>
        <p>{finding.description}</p>
        {finding.attack.length ? (
          <ul>
            {finding.attack.map((t) => (
              <li key={t}>
                <span className="mono">{t}</span> {ATTACK_TECHNIQUES[t.toUpperCase()]?.name ?? ""}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="muted">
          Tactics: {finding.tactics.join(", ") || "—"} · evidence fields: <span className="mono">{finding.evidenceFields.join(", ") || "—"}</span>
        </p>
      </details>
      {finding.triagedAt ? (
        <p className="muted" data-testid="finding-triaged">
          Triaged {finding.status === "false-positive" ? "false positive" : finding.status} by {finding.triagedBy ?? "a former member"} at {formatUtc(finding.triagedAt)}
          {finding.note ? ":" : ""}
        </p>
      ) : null}
      {finding.note && !canTriage ? <p style={{ whiteSpace: "pre-wrap" }}>{finding.note}</p> : null}
      {canTriage ? <TriageForm caseId={caseId} findingId={finding.id} status={finding.status} note={finding.note} /> : null}
    </article>
  );
}
