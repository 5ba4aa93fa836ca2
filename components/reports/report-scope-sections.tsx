import { LineageGraphSvg } from "@/components/lineage/lineage-graph";
import { Empty, Section, Utc, num, plural } from "@/components/reports/report-parts";
import { layoutLineageGraph } from "@/lib/lineage/lineage-graph-layout";
import type { Lineage } from "@/lib/lineage/lineage-types";
import type { ReportFacts } from "@/lib/reports/report-facts";
import type { ReportSnapshot } from "@/lib/reports/report-types";

/**
 * The seed's sections after the header, each in detail: Account, Timeframe, Compromised Credentials
 * (with each key's lineage graph), Suspicious Events, Source IPs. Text only; the lineage graphs' links
 * point inside the document (a compromised key's entry), never at a URL from the data.
 */
export function ScopeSections({ snapshot: s, facts }: { snapshot: ReportSnapshot; facts: ReportFacts }) {
  return (
    <>
      <Section id="account" title="Account">
        <CountTable head="AWS account (recipientAccountId)" rows={s.scope.accounts} />
        <h3>Regions</h3>
        <CountTable head="Region" rows={s.scope.regions} />
      </Section>
      <Section id="timeframe" title="Timeframe">
        <dl className="facts">
          <dt>Attacker activity</dt>
          <dd>
            {facts.timeframe.basis === "attacker" ? (
              <>
                <Utc value={facts.timeframe.start} /> to <Utc value={facts.timeframe.end} /> (first and last event of the confirmed findings)
              </>
            ) : (
              "No confirmed finding has dated events."
            )}
          </dd>
          <dt>Evidence</dt>
          <dd>
            <Utc value={s.scope.first} /> to <Utc value={s.scope.last} /> ({plural(s.scope.events, "event")})
          </dd>
          <dt>Incident window</dt>
          <dd>
            {s.case.windowStart === null && s.case.windowEnd === null ? (
              "not set"
            ) : (
              <>
                {s.case.windowStart ? <Utc value={s.case.windowStart} /> : "(open)"} to {s.case.windowEnd ? <Utc value={s.case.windowEnd} /> : "(open)"}
              </>
            )}
          </dd>
        </dl>
        <p className="muted">All times are UTC, CloudTrail&apos;s own clock.</p>
      </Section>
      <Section id="compromised-credentials" title="Compromised Credentials">
        {s.compromisedCredentials.length === 0 ? <Empty>No access key appears in the confirmed findings&apos; events.</Empty> : null}
        {s.compromisedCredentials.map((c, i) => (
          <div key={c.accessKeyId} className="card" id={`credential-${i + 1}`}>
            <h3 className="mono">{c.accessKeyId}</h3>
            <dl className="facts">
              <dt>Used by</dt>
              <dd className="mono">{c.principal ?? "—"}</dd>
              <dt>Events</dt>
              <dd>{`${num(c.events)} in the confirmed findings`}</dd>
              {c.lineage ? <LineageFacts lineage={c.lineage} /> : null}
            </dl>
            {c.lineage ? (
              <LineageFigure lineage={c.lineage} index={i} keys={s.compromisedCredentials.map((k) => k.accessKeyId)} />
            ) : (
              <p className="muted">Lineage not traced.</p>
            )}
          </div>
        ))}
      </Section>
      <Section id="suspicious-events" title="Suspicious Events">
        <p>
          <strong>{num(facts.actions.length)}</strong>
          {` distinct ${facts.actions.length === 1 ? "event" : "events"} in ${plural(s.confirmedFindings.length, "confirmed finding")}` +
            ` (${plural(s.openFindingsCount, "finding")} not triaged yet, not counted).`}
        </p>
        {s.confirmedFindings.length > 0 ? (
          <ul>
            {s.confirmedFindings.map((f) => (
              <li key={f.id}>{`${f.title}: ${plural(f.eventCount, "event")}`}</li>
            ))}
          </ul>
        ) : null}
      </Section>
      <Section id="source-ips" title="Source IPs">
        {s.sourceIps.length === 0 ? (
          <Empty>No source IP in the confirmed findings&apos; events.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Source IP</th>
                <th className="num">Events</th>
                <th>Country</th>
                <th>Network (ASN)</th>
                <th>Trusted network</th>
              </tr>
            </thead>
            <tbody>
              {s.sourceIps.map((ip) => (
                <tr key={ip.ip}>
                  <td className="mono">{ip.ip}</td>
                  <td className="num">{num(ip.events)}</td>
                  <td>{ip.country ?? "—"}</td>
                  <td>{ip.asn === null ? (ip.asOrg ?? "—") : `AS${ip.asn}${ip.asOrg ? ` ${ip.asOrg}` : ""}`}</td>
                  <td>{ip.trusted === null ? "not configured" : ip.trusted ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

function CountTable({ head, rows }: { head: string; rows: { value: string; count: number }[] }) {
  if (rows.length === 0) return <Empty>None recorded.</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th>{head}</th>
          <th className="num">Events</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td className="mono">{r.value === "" ? "(not recorded)" : r.value}</td>
            <td className="num">{num(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ORIGIN_WORDS: Record<Lineage["origin"]["kind"], string> = {
  "long-term-key": "long-term access key",
  root: "root credentials",
  console: "console sign-in",
  "aws-service": "AWS service",
  "not-in-evidence": "not in the evidence",
};

function LineageFacts({ lineage: l }: { lineage: Lineage }) {
  return (
    <>
      <dt>Origin</dt>
      <dd>
        {ORIGIN_WORDS[l.origin.kind]}
        {l.origin.accessKeyId ? <span className="mono">{` ${l.origin.accessKeyId}`}</span> : null}
        {l.origin.arn ? <span className="mono">{` (${l.origin.arn})`}</span> : null}
        {l.origin.stoppedBy ? ` — trace stopped: ${l.origin.stoppedBy}` : null}
      </dd>
      <dt>Issued by</dt>
      <dd>
        {l.issued ? (
          <>
            {`${l.issued.eventName ?? "(no eventName)"} at `}
            <Utc value={l.issued.eventTime} />
            {` from ${l.issued.sourceIPAddress ?? "—"}, event `}
            <span className="mono">{l.issued.eventID}</span>
          </>
        ) : (
          "no issuing event in the evidence (or a long-term key)"
        )}
      </dd>
      <dt>Keys issued from it</dt>
      <dd className="mono">{l.derived.length === 0 ? "none" : l.derived.map((d) => d.key).join(", ")}</dd>
    </>
  );
}

function LineageFigure({ lineage, index, keys }: { lineage: Lineage; index: number; keys: string[] }) {
  // A node leads to that key's entry in this document when it is a compromised key, else to the list.
  const nodeHref = (key: string) => {
    const at = keys.indexOf(key);
    return at < 0 ? "#compromised-credentials" : `#credential-${at + 1}`;
  };
  return (
    <figure>
      <LineageGraphSvg layout={layoutLineageGraph(lineage)} nodeHref={nodeHref} id={`lineage-${index + 1}`} />
      <figcaption>Credential lineage: the origin at the left, each issuing call an arrow to the key it issued (times UTC).</figcaption>
    </figure>
  );
}
