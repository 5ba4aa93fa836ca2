import { DeniedHeatmapSvg, principalLabel } from "@/components/charts/denied-heatmap-svg";
import { TimelineSvg } from "@/components/charts/timeline-svg";
import { Empty, Section, Utc, num } from "@/components/reports/report-parts";
import { CALL_SERIES, CALL_SERIES_INFO } from "@/lib/charts/call-series";
import { describeTimeline, timelineSourceText } from "@/lib/charts/timeline-labels";
import type { DeniedHeatmap } from "@/lib/heatmaps/denied-heatmap-types";
import type { ReportSnapshot } from "@/lib/reports/report-types";
import { MARKER_KINDS } from "@/lib/timeline/timeline-types";

/**
 * The timeline chart and the denied-call heatmap, drawn inline by the same SVG components as the app.
 * The snapshot's hrefs (links into the app) are not used: in a standalone report the heatmap's row
 * totals lead to the table of denied calls below it, and its cells are not links.
 */
export function ChartSections({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const t = s.timeline;
  const d = s.deniedHeatmap;
  return (
    <>
      <Section id="timeline" title="Timeline" page>
        <figure>
          <TimelineSvg timeline={t} title={`Timeline of case ${s.case.name}`} id="report-timeline" />
          <figcaption>{`${describeTimeline(t)} Counts ${timelineSourceText(t.source)}${t.pendingEvents > 0 ? `; ${num(t.pendingEvents)} events ingested later are not counted yet` : ""}.`}</figcaption>
        </figure>
        {t.markers.length > 0 ? (
          <ol>
            {t.markers.map((m) => (
              <li key={`${m.kind}:${m.id}`}>
                {`${MARKER_KINDS[m.kind].label}: ${m.title} — `}
                <Utc value={m.time} />
              </li>
            ))}
          </ol>
        ) : null}
        <h3>Calls in the case by kind</h3>
        <table>
          <thead>
            <tr>
              {CALL_SERIES.map((k) => (
                <th key={k} className="num">
                  {CALL_SERIES_INFO[k].label}
                </th>
              ))}
              <th className="num">From outside the trusted networks</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {CALL_SERIES.map((k) => (
                <td key={k} className="num">
                  {num(s.dashboard.series[k].count)}
                </td>
              ))}
              <td className="num">{s.dashboard.untrusted.outsideNetworks === null ? "not configured" : num(s.dashboard.untrusted.outsideNetworks.count)}</td>
            </tr>
          </tbody>
        </table>
      </Section>
      <Section id="denied-calls" title="Denied Calls">
        <figure>
          <DeniedHeatmapSvg heatmap={withoutLinks(d)} caseTitle={s.case.name} id="report-denied-heatmap" />
          <figcaption>{`Denied calls (${d.codes.join(", ")}) by principal and UTC hour; darker cells hold more calls.`}</figcaption>
        </figure>
        {d.rows.length === 0 ? (
          <Empty>No denied calls.</Empty>
        ) : (
          <table id="denied-calls-table">
            <thead>
              <tr>
                <th>Principal</th>
                <th className="num">Denied calls</th>
                <th>Busiest hour (UTC)</th>
                <th>First denied call</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r, i) => (
                <tr key={i} id={`denied-principal-${i + 1}`}>
                  <td className="mono">{principalLabel(r)}</td>
                  <td className="num">{num(r.total)}</td>
                  <td>{r.burstHour ? <>{`${num(r.burst)} at `}<Utc value={r.burstHour} /></> : "—"}</td>
                  <td>
                    <Utc value={r.first} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

/** The heatmap with in-document links only: row totals → their row of the table below, cells → none. */
export function withoutLinks(h: DeniedHeatmap): DeniedHeatmap {
  return { ...h, rows: h.rows.map((r, i) => ({ ...r, href: `#denied-principal-${i + 1}` })), hrefs: h.hrefs.map((row) => row.map(() => null)) };
}
