import { Empty, Section, Utc, num, plural } from "@/components/reports/report-parts";
import { TOP_DIMENSIONS, type TopDimension, type TopItem } from "@/lib/dashboard/case-dashboard-types";
import type { ChecklistStatus } from "@/lib/integrity/no-compromise-checklist-types";
import { REPORT_SCHEMA_VERSION, type ReportSnapshot } from "@/lib/reports/report-types";

const STATUS_WORD: Record<ChecklistStatus, string> = { pass: "PASS", fail: "FAIL", unknown: "UNKNOWN" };
const DIMENSION_WORD: Record<TopDimension, string> = { principal: "Principals", key: "Access keys", ip: "Source IPs", userAgent: "User agents" };
const TOP_N = 5;

/**
 * The integrity checklist and coverage statement, what the evidence cannot show, and the appendix (the
 * case, when and by whom the report was made, its schema version, the most active values). The
 * checklist's links into the app are left out: its evidence sentences say what they point at.
 */
export function IntegritySections({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const c = s.coverage;
  return (
    <>
      <Section id="integrity" title="Integrity and Coverage" page>
        <h3>Before concluding &ldquo;no compromise&rdquo;</h3>
        <table>
          <thead>
            <tr>
              <th>Status</th>
              <th>Check</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {s.checklist.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <span className={`badge status-${item.status}`}>{STATUS_WORD[item.status]}</span>
                </td>
                <td>{item.title}</td>
                <td>{item.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {s.checklist.pendingEvents > 0 ? <p className="muted">{`${plural(s.checklist.pendingEvents, "event")} ingested after the counts were built are not counted yet.`}</p> : null}
        <h3>Coverage statement</h3>
        {c.statements.length === 0 ? <Empty>No statement.</Empty> : null}
        <ul>
          {c.statements.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
        {c.time.uncovered.length > 0 ? (
          <table>
            <caption className="muted">{`Stretches without any event (${num(c.time.uncoveredTotal)} in all, ${num(c.time.uncoveredHours)} hours)`}</caption>
            <thead>
              <tr>
                <th>From (UTC)</th>
                <th>To (UTC)</th>
                <th className="num">Hours</th>
                <th>Kind</th>
              </tr>
            </thead>
            <tbody>
              {c.time.uncovered.map((u, i) => (
                <tr key={i}>
                  <td className="time">
                    <Utc value={u.start} />
                  </td>
                  <td className="time">
                    <Utc value={u.end} />
                  </td>
                  <td className="num">{num(u.hours)}</td>
                  <td>{u.kind === "before-first" ? "before the first event" : u.kind === "after-last" ? "after the last event" : "silent hours"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>
      <Section id="limitations" title="What the Evidence Cannot Show">
        {s.limitations.length === 0 ? <Empty>No limitation recorded.</Empty> : null}
        <ul>
          {s.limitations.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      </Section>
      <Section id="appendix" title="Appendix" page>
        <dl className="facts">
          <dt>Report</dt>
          <dd className="mono">{s.identifier}</dd>
          <dt>Case</dt>
          <dd>
            {s.case.name} <span className="mono muted">{`(${s.case.id})`}</span>
          </dd>
          <dt>Description</dt>
          <dd className="prose">{s.case.description === "" ? "—" : s.case.description}</dd>
          <dt>Case time zone</dt>
          <dd>{`${s.case.timeZone} (this report gives every time in UTC)`}</dd>
          <dt>Generated</dt>
          <dd>
            <Utc value={s.generatedAt} />
          </dd>
          <dt>Author</dt>
          <dd>{s.generatedBy ?? "unknown"}</dd>
          <dt>Schema version</dt>
          <dd>{`${s.schemaVersion}${s.schemaVersion === REPORT_SCHEMA_VERSION ? "" : ` (this renderer knows ${REPORT_SCHEMA_VERSION})`}`}</dd>
          <dt>Snapshot</dt>
          <dd>An immutable export: the workbench lists it with its author, time and SHA-256, and re-downloads it byte-identical.</dd>
        </dl>
        <h3>Most active values in the case</h3>
        <table>
          <thead>
            <tr>
              <th>Dimension</th>
              <th>By mutating calls</th>
              <th>By denied calls</th>
            </tr>
          </thead>
          <tbody>
            {TOP_DIMENSIONS.map((dim) => (
              <tr key={dim}>
                <td>{`${DIMENSION_WORD[dim]} (${num(s.dashboard.tops[dim].distinct)} distinct)`}</td>
                <td className="mono">
                  <TopList items={s.dashboard.tops[dim].byMutating} />
                </td>
                <td className="mono">
                  <TopList items={s.dashboard.tops[dim].byDenied} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

function TopList({ items }: { items: TopItem[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <>
      {items.slice(0, TOP_N).map((item, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {`${item.value === "" ? "(not recorded)" : item.value} (${num(item.count)})`}
        </span>
      ))}
    </>
  );
}
