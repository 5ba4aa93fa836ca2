import { Empty, EventTable, Prose, Section, Utc, plural } from "@/components/reports/report-parts";
import { ATTACK_TECHNIQUES } from "@/lib/detections/attack";
import type { ReportFinding, ReportSnapshot } from "@/lib/reports/report-types";

const SEVERITY_CLASS: Record<string, string> = { critical: "sev-critical", high: "sev-high", medium: "sev-medium", low: "sev-low", informational: "sev-info" };

/**
 * What the lead wrote and asserted: the executive summary, the confirmed findings (ATT&CK, reason,
 * triage note, who confirmed them and when, a Sigma rule's author) and the bookmarks with their notes
 * and pinned events. Notes and summaries are shown as written (plain text, line breaks kept): their
 * Markdown is not interpreted, so nothing in them becomes markup or a link.
 */
export function FindingSections({ snapshot: s }: { snapshot: ReportSnapshot }) {
  return (
    <>
      <Section id="executive-summary" title="Executive Summary" page>
        <Prose text={s.executiveSummary} empty="The case lead has not written an executive summary." />
      </Section>
      <Section id="confirmed-findings" title="Confirmed Findings">
        <p className="muted">{`${plural(s.confirmedFindings.length, "finding")} confirmed by triage; ${plural(s.openFindingsCount, "finding")} still open (not in this report).`}</p>
        {s.confirmedFindings.length === 0 ? <Empty>No confirmed finding.</Empty> : null}
        {s.confirmedFindings.map((f) => (
          <FindingCard key={f.id} finding={f} />
        ))}
      </Section>
      <Section id="bookmarks" title="Bookmarks" page>
        {s.bookmarks.length === 0 ? <Empty>No bookmark.</Empty> : null}
        {s.bookmarks.map((b) => (
          <div key={b.id} className="bookmark">
            <h3>{b.title === "" ? "(untitled bookmark)" : b.title}</h3>
            <p className="muted">
              {`By ${b.author ?? "unknown"}, `}
              <Utc value={b.createdAt} />
              {". Saved view: "}
              <span className="mono">{b.view === "" ? "—" : b.view}</span>
            </p>
            <Prose text={b.note} empty="No note." />
            <EventTable events={b.pinned} caption={b.pinned.length === 0 ? undefined : `Pinned events (${b.pinned.length})`} />
          </div>
        ))}
      </Section>
    </>
  );
}

function FindingCard({ finding: f }: { finding: ReportFinding }) {
  return (
    <div className="card">
      <h3>
        <span className={`badge ${SEVERITY_CLASS[f.severity] ?? ""}`}>{f.severity.toUpperCase()}</span> {f.title}
      </h3>
      <dl className="facts">
        <dt>Rule</dt>
        <dd>
          <span className="mono">{f.ruleId}</span>
          {f.source === "sigma" ? ` (Sigma rule${f.ruleAuthor ? ` by ${f.ruleAuthor}` : ""})` : " (built-in rule)"}
        </dd>
        <dt>ATT&amp;CK</dt>
        <dd>{f.attack.length === 0 ? "—" : f.attack.map((t) => (ATTACK_TECHNIQUES[t] ? `${t} ${ATTACK_TECHNIQUES[t].name}` : t)).join("; ")}</dd>
        <dt>Principal</dt>
        <dd className="mono">{f.principal || "—"}</dd>
        <dt>Events</dt>
        <dd>
          {`${plural(f.eventCount, "event")}, `}
          <Utc value={f.firstAt} />
          {" to "}
          <Utc value={f.lastAt} />
          {f.failedAttempt ? " — failed attempt (the calls were denied)" : ""}
        </dd>
        <dt>Reason</dt>
        <dd className="prose">{f.reason}</dd>
        <dt>Triage note</dt>
        <dd className="prose">{f.note.trim() === "" ? "—" : f.note}</dd>
        <dt>Confirmed</dt>
        <dd>
          {`by ${f.triagedBy ?? "unknown"}`}
          {f.triagedAt ? (
            <>
              {", "}
              <Utc value={f.triagedAt} />
            </>
          ) : null}
        </dd>
      </dl>
    </div>
  );
}
