import { ActionSections } from "@/components/reports/report-action-sections";
import { ChartSections } from "@/components/reports/report-chart-sections";
import { FindingSections } from "@/components/reports/report-finding-sections";
import { IntegritySections } from "@/components/reports/report-integrity-sections";
import { Utc } from "@/components/reports/report-parts";
import { ScopeSections } from "@/components/reports/report-scope-sections";
import { REPORT_CSS } from "@/components/reports/report-styles";
import { reportFacts } from "@/lib/reports/report-facts";
import type { ReportSnapshot } from "@/lib/reports/report-types";

/** No script, no request of any kind: only inline styles, and images only as data: URLs. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The case report as one self-contained HTML document: the seed's header block ("Forensic Report:
 * AWS-IR-…", Account, Timeframe, Compromised Credentials, Suspicious Events, Source IPs, Actions Taken,
 * Data Accessed, Persistence Mechanisms) and those sections in detail, then the executive summary,
 * confirmed findings, bookmarks, the two charts, integrity and coverage, limitations and the appendix.
 * Rendered to a string by render-report-html.tsx; every value is React text.
 */
export function ReportDocument({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const facts = reportFacts(s);
  return (
    <html lang="en">
      {/* A standalone document rendered to a string, not a Next.js page: next/head does not apply. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content={REPORT_CSP} />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Forensic Report: ${s.identifier} — ${s.case.name}`}</title>
        <style>{REPORT_CSS}</style>
      </head>
      <body>
        <main>
          <header>
            <h1>{`Forensic Report: ${s.identifier}`}</h1>
            <p className="subtitle">
              {`Case ${s.case.name} · generated `}
              <Utc value={s.generatedAt} />
              {` by ${s.generatedBy ?? "unknown"}`}
            </p>
            <dl className="seed" aria-label="Summary">
              {facts.seedLines.map((line) => (
                <div key={line.label}>
                  <dt>{`${line.label}:`}</dt>
                  <dd className={line.label === "Suspicious Events" || line.label === "Timeframe" ? undefined : "mono"}>{line.value}</dd>
                </div>
              ))}
            </dl>
          </header>
          <ScopeSections snapshot={s} facts={facts} />
          <ActionSections snapshot={s} />
          <FindingSections snapshot={s} />
          <ChartSections snapshot={s} />
          <IntegritySections snapshot={s} />
        </main>
      </body>
    </html>
  );
}
